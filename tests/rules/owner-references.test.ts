import noRawItemResponse from '../../rules/no-raw-item-response.js';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Items that record their owner (an owner reference: `ownerId`, `creatorId`, `createdBy`,
 * `userId`, …, written or declared) belong to that owner, so changing or deleting one by a
 * client-chosen key is an IDOR whether or not the app fills the owner from the session (SPEC §5
 * "Owned", labelling policy rule 1). Reading one is judged by the other evidence: an author's post
 * or a seller's product is often everyone's to read. In an app that authenticates no one the items
 * stay shared (SPEC §5), and an owner the program writes as a constant (`createdBy: 'admin'`) makes
 * them the app's own.
 */
const ruleTester = createRuleTesterWithTypes();

/** An app that authenticates its callers: its profile route reads the caller's own record. */
const authenticated = `${expressHeader}
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { sub: req.user!.sub } }));
  res.json({ name: out.Item?.name });
});
`;

/** Products whose creator the client names (the app never threads the caller into the write). */
const products = (owner: string) => `${authenticated}
app.post('/products', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Products', Item: { productId: crypto.randomUUID(), ${owner}, title: String(req.body.title) } }));
  res.sendStatus(201);
});
app.put('/products/:id/approval', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'Products',
    Key: { productId: req.params.id }, // ✗
    UpdateExpression: 'SET approval = :a',
    ExpressionAttributeValues: { ':a': String(req.body.approval) },
  }));
  res.sendStatus(204);
});
app.delete('/products/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Products', Key: { productId: req.params.id } })); // ✗
  res.sendStatus(204);
});
app.get('/products/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Products', Key: { productId: req.params.id } }));
  res.json({ title: out.Item?.title });
});`;
const clientOwner = products('ownerId: String(req.body.ownerId)');
const clientCreatedBy = products('created_by: String(req.body.creator)');
const clientUserId = products('userId: String(req.body.userId)');
// Look-alikes: the owner is a constant the program writes (a catalog seeded by the app); the owner
// reference sits in a map inside the item (who reviewed it, not whose it is); no owner reference.
// (An app that authenticates no one: fixtures/owner-references-noauth, a program of its own.)
const constantOwner = products("createdBy: 'admin'");
const nestedOwner = products('reviews: [{ userId: String(req.body.reviewer), stars: 5 }]');
const noOwner = products('vendor: String(req.body.vendor)');

/** Items typed by the program's own item type, which declares the owner reference. */
const typedItems = `${authenticated}
type Listing = { listingId: string; sellerId: string; title: string };
export async function saveListing(listing: Listing) {
  await ddb.send(new PutCommand({ TableName: 'Listings', Item: listing }));
}
app.get('/listings/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Listings', Key: { listingId: req.params.id } }));
  const listing = out.Item as Listing;
  res.json({ title: listing.title });
});
app.delete('/listings/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Listings', Key: { listingId: req.params.id } })); // ✗
  res.sendStatus(204);
});`;

/** Items written from a value of the program's own item type, whole or spread, and never read back typed. */
const typedWrites = (item: string, parameter = 'Gig') => `${authenticated}
type Gig = { gigId: string; creatorId: string; title: string };
export async function saveGig(gig: ${parameter}) {
  await ddb.send(new PutCommand({ TableName: 'Gigs', Item: ${item} }));
}
app.delete('/gigs/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Gigs', Key: { gigId: req.params.id } })); // ✗
  res.sendStatus(204);
});`;

/** An ODM schema that declares the owner reference. */
const dynamooseSchema = (fields: string) => `${authenticated}import dynamoose from 'dynamoose';
const Recipe = dynamoose.model('Recipe', new dynamoose.Schema({ recipeId: String, ${fields}title: String }));
app.post('/recipes', async (req, res) => {
  await Recipe.create({ recipeId: crypto.randomUUID(), title: String(req.body.title) });
  res.sendStatus(201);
});
app.delete('/recipes/:id', async (req, res) => {
  await Recipe.delete({ recipeId: req.params.id }); // ✗
  res.sendStatus(204);
});`;

const lineWith = (program: string, text: string) => program.split('\n').findIndex((line) => line.includes(text)) + 1;

ruleTester.run('no-unscoped-key (owner references)', noUnscopedKey, {
  valid: [
    constantOwner,
    nestedOwner,
    noOwner,
    typedWrites('{ ...gig, updatedAt: Date.now() }', 'any'),
    dynamooseSchema(''),
  ],
  invalid: [
    // The update and the delete change someone's product; the read is not judged by the owner reference.
    invalidAt(clientOwner, 'unscopedKey'),
    invalidAt(clientCreatedBy, 'unscopedKey'),
    invalidAt(clientUserId, 'unscopedKey'),
    invalidAt(typedItems, 'unscopedKey'),
    invalidAt(typedWrites('{ ...gig, updatedAt: Date.now() }'), 'unscopedKey'),
    invalidAt(typedWrites('gig'), 'unscopedKey'),
    invalidAt(dynamooseSchema('authorId: String, '), 'unscopedKey'),
    // Strict reports the read as well, and every look-alike.
    {
      code: constantOwner,
      options: [{ evidence: 'none' }],
      errors: [
        { messageId: 'unscopedKey', line: lineWith(constantOwner, 'Key: { productId: req.params.id }, // ✗') },
        { messageId: 'unscopedKey', line: lineWith(constantOwner, 'new DeleteCommand') },
        { messageId: 'unscopedKey', line: lineWith(constantOwner, "new GetCommand({ TableName: 'Products'") },
      ],
    },
  ],
});

// The read of a product whose owner the client names is still no raw-item finding (nothing sensitive is known).
ruleTester.run('no-raw-item-response (owner references)', noRawItemResponse, {
  valid: [clientOwner.replace('res.json({ title: out.Item?.title })', 'res.json(out.Item)')],
  invalid: [],
});

describe('owner-reference evidence in messages', () => {
  const recommended: Linter.RulesRecord = {
    'dynamodb-security/no-unscoped-key': ['error', { evidence: 'required' }],
    'dynamodb-security/no-raw-item-response': ['error', { evidence: 'required' }],
    'dynamodb-security/no-unvalidated-input': 'off',
  };

  it('names the owner reference and where it is written', async () => {
    const messages = await lintText(clientOwner, recommended);
    const put = lineWith(clientOwner, 'ownerId: String');
    expect(messages.map((message) => message.line)).toEqual([
      lineWith(clientOwner, 'Key: { productId: req.params.id }, // ✗'),
      lineWith(clientOwner, 'new DeleteCommand'),
    ]);
    for (const message of messages)
      expect(message.message).toContain(`Products items record their owner in ownerId: line ${put}.`);
  });

  it('names the item type that declares it', async () => {
    const messages = await lintText(typedItems, recommended);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain(
      `Listings items record their owner in sellerId: line ${lineWith(typedItems, 'type Listing')}.`,
    );
  });
});
