import unscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { js } from './framework-headers.js';

/**
 * SPEC §4, privileged access: Express code wraps its async middleware and handlers in a helper
 * that forwards rejections (`asyncHandler(fn)` returning `(req, res, next) => fn(req, res,
 * next).catch(next)`). A route's middleware made that way gates as the function it wraps does (a
 * role test that throws unless the caller is an administrator), and a handler made that way is
 * the function it wraps, registered where the wrapper's result is; so is a CommonJS export
 * (`exports.getNote = …`) registered by its member. A wrapper that never calls the
 * function it is handed, and a wrapped middleware that tests no role, gate nothing.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (wrapperBody: string, gate: string) => `const express = require('express');
const jwt = require('jsonwebtoken');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const router = express.Router();
const asyncHandler = (fn) => (req, res, next) => {
  ${wrapperBody}
};
const protect = asyncHandler(async (req, res, next) => {
  const payload = jwt.verify(String(req.headers.authorization), 'secret');
${gate}  req.auth = { sub: payload.sub, role: payload.role };
  next();
});
const createNote = asyncHandler(async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: String(Date.now()), ownerId: req.auth.sub, title: String(req.body.title) } }));
  res.status(201).end();
});
const getNote = asyncHandler(async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.json({ title: out.Item && out.Item.title });
});
router.post('/notes', protect, createNote);
router.get('/admin/notes/:id', protect, getNote);
router.get('/admin/inline/:id', protect, asyncHandler(async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.json({ title: out.Item && out.Item.title });
}));
module.exports = router;
`;
const forwards = 'Promise.resolve(fn(req, res, next)).catch(next);';
const adminOnly = `  if (payload.role !== 'admin') {\n    throw new Error('Forbidden');\n  }\n`;
const good = (code: string) => ({ code: code.replaceAll(' // ✗', ''), filename: js });
const bad = (code: string) => ({ ...invalidAt(code, 'unscopedKey' as const), filename: js });

ruleTester.run('no-unscoped-key (middleware and handlers made by a wrapper)', unscopedKey, {
  valid: [
    // The wrapped middleware throws unless the caller is an administrator: both admin routes are privileged.
    good(program(forwards, adminOnly)),
    good(program('fn(req, res, next).catch(next);', adminOnly)),
    // A CommonJS export, wrapped or not, registered by its member.
    good(
      program(forwards, adminOnly)
        .replace('const getNote = asyncHandler(', 'exports.getNote = asyncHandler(')
        .replace('protect, getNote);', 'protect, exports.getNote);'),
    ),
    good(
      program(forwards, adminOnly)
        .replace('const getNote = asyncHandler(async (req, res) => {', 'exports.getNote = async (req, res) => {')
        .replace('out.Item && out.Item.title });\n});\nrouter.post', 'out.Item && out.Item.title });\n};\nrouter.post')
        .replace('protect, getNote);', 'protect, exports.getNote);'),
    ),
  ],
  invalid: [
    // The wrapped middleware only authenticates.
    bad(program(forwards, '')),
    // A wrapper that never runs the function it is handed: its result gates nothing.
    bad(program('next();', adminOnly)),
  ],
});
