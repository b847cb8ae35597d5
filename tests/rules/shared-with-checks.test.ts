import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * Post-read access checks with alternatives (policy 3; fresh-n Anja0906): a read followed by an
 * exit unless the caller owns the item OR is in its share list (`file.ownerSub !== sub &&
 * !file.sharedWith.includes(email)`) only lets through items tied to the caller, since every
 * alternative compares the item with the principal. A search whose callback compares each entry
 * with the caller (`sharedWith.find((e) => e === email)`) finds the caller in the list as
 * `includes` does. An alternative that compares the item with a client value, or with nothing,
 * leaves the read unchecked.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const direct = (check: string) =>
  `${lambda}interface FileMeta { fileId: string; ownerSub: string; status: string; sharedWith: string[] }
export const getFile = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const sub = event.requestContext.authorizer.jwt.claims.sub as string;
  const email = event.requestContext.authorizer.jwt.claims.email as string;
  const out = await ddb.send(new GetCommand({ TableName: 'Files', Key: { fileId: event.pathParameters!.fileId } })); // ✗
  const file = out.Item as FileMeta | undefined;
  if (!file) return { statusCode: 404, body: '' };
  if (${check}) return { statusCode: 403, body: '' };
  return { statusCode: 200, body: JSON.stringify({ id: file.fileId }) };
};`;

const helper = (check: string) =>
  `${lambda}interface Album { albumId: string; ownerSub: string; sharedWith: string[] }
async function getAlbum(albumId: string, email: string, ownerSub: string): Promise<{ album?: Album; error?: number }> {
  const out = await ddb.send(new GetCommand({ TableName: 'Albums', Key: { albumId } }));
  const album = out.Item as Album | undefined;
  if (!album) return { error: 404 };
  if (${check}) return { error: 403 };
  return { album };
}
export const getOne = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const claims = event.requestContext.authorizer.jwt.claims;
  const result = await getAlbum(event.pathParameters!.albumId!, claims.email as string, claims.sub as string); // ✗
  if (result.error || !result.album) return { statusCode: result.error ?? 500, body: '' };
  return { statusCode: 200, body: JSON.stringify({ id: result.album.albumId }) };
};`;

ruleTester.run('no-unscoped-key (owner or shared checks)', noUnscopedKey, {
  valid: [
    { code: quiet(direct(`file.ownerSub !== sub && !file.sharedWith.includes(email)`)), options: audit },
    { code: quiet(direct(`!file.sharedWith.includes(email) && file.ownerSub != sub`)), options: audit },
    { code: quiet(direct(`file.ownerSub !== sub && !file.sharedWith.some((e) => e === email)`)), options: audit },
    {
      code: quiet(helper(`album.ownerSub != ownerSub && !album.sharedWith.find((e) => e == email)`)),
      options: audit,
    },
  ],
  invalid: [
    // One alternative compares the item with a value the client sends.
    {
      ...invalidAt(
        direct(`file.ownerSub !== sub && !file.sharedWith.includes(String(event.queryStringParameters?.email))`),
        'unscopedKey',
      ),
      options: audit,
    },
    // One alternative does not compare the item with anyone.
    { ...invalidAt(direct(`file.ownerSub !== sub && file.status !== 'open'`), 'unscopedKey'), options: audit },
    // The search callback does not compare entries with the caller's value.
    {
      ...invalidAt(direct(`file.ownerSub !== sub && !file.sharedWith.find((e) => e.endsWith(email))`), 'unscopedKey'),
      options: audit,
    },
    {
      ...invalidAt(
        helper(`album.ownerSub != ownerSub && !album.sharedWith.find((e) => e == String(Math.random()))`),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
