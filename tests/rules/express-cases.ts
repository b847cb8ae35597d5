/** Shared preamble of the Express + lib-dynamodb rule cases: a typed app, a client, `req.user`. */
export const expressHeader = `import express from 'express';
import type { Request, Response } from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand, DeleteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, DeleteCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
declare global {
  namespace Express {
    interface Request { user?: { sub: string; role?: string } }
  }
}
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
`;

/** Marks a line that must get a report: the expectation lives next to the code it is about. */
export const MARK = '// ✗';

/** An invalid case whose errors are the lines marked `// ✗` (`// ✗✗` for two reports), in order. */
export function invalidAt<M extends string>(code: string, messageId: M) {
  const lines = code.split('\n');
  const errors = lines.flatMap((line, index) => {
    const mark = line.indexOf(MARK);
    const count = mark < 0 ? 0 : line.slice(mark + MARK.length).split('✗').length - 1 + 1;
    return Array.from({ length: count }, () => ({ messageId, line: index + 1 }));
  });
  if (errors.length === 0) throw new Error(`invalid case without a ${MARK} mark:\n${code}`);
  return { code, errors };
}
