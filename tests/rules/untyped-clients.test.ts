import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §3, type first, shape fallback: a DynamoDB client whose type is `any` (JavaScript without
 * the SDK's types) is recognised by how it was made, `new AWS.DynamoDB.DocumentClient()` with
 * `AWS` required from the SDK's package.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;

ruleTester.run('no-unscoped-key (untyped SDK v2 clients)', auditMode(rule), {
  valid: [
    // Another package's DocumentClient is not the SDK's.
    code(`
const Other: any = require('not-the-sdk');
const notes = new Other.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise());
});`),
    // An instrumenting call given another package is not the SDK either.
    code(`
const AWSXRay: any = require('aws-xray-sdk');
const Other: any = require('not-the-sdk');
const XOther = AWSXRay.captureAWS(Other);
const notes = new XOther.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise());
});`),
    code(`
const AWSXRay: any = require('aws-xray-sdk');
const XOther = AWSXRay.captureAWS(require('not-the-sdk'));
const notes = new XOther.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise());
});`),
  ],
  invalid: [
    // The SDK handed to an instrumenting call (X-Ray's \`captureAWS\`, untyped) is still the SDK.
    invalidAt(
      code(`
const AWS: any = require('aws-sdk');
const AWSXRay: any = require('aws-xray-sdk');
const XAWS = AWSXRay.captureAWS(AWS);
const notes = new XAWS.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise()); // ✗
});`),
      'unscopedKey',
    ),
    // The module required right in the instrumenting call.
    invalidAt(
      code(`
const AWSXRay: any = require('aws-xray-sdk');
const XAWS = AWSXRay.captureAWS(require('aws-sdk'));
const notes = new XAWS.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise()); // ✗
});`),
      'unscopedKey',
    ),
    invalidAt(
      code(`
const AWS: any = require('aws-sdk');
const AWSXRay: any = require('aws-xray-sdk');
const notes = new (AWSXRay.captureAWS(AWS)).DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise()); // ✗
});`),
      'unscopedKey',
    ),
    invalidAt(
      code(`
const AWS: any = require('aws-sdk');
const notes = new AWS.DynamoDB.DocumentClient();
app.get('/notes/:id', async (req, res) => {
  res.json(await notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise()); // ✗
});`),
      'unscopedKey',
    ),
    invalidAt(
      code(`
const { DynamoDB }: any = require('aws-sdk');
const holder = { notes: new DynamoDB.DocumentClient() };
app.get('/notes/:id', async (req, res) => {
  res.json(await holder.notes.get({ TableName: 'Notes', Key: { noteId: req.params.id } }).promise()); // ✗
});`),
      'unscopedKey',
    ),
  ],
});
