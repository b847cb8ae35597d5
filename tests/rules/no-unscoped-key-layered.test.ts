import path from 'node:path';
import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Flows across functions, classes and files: each case is a route module of the typed project in
 * `tests/fixtures/layered/`, whose repositories, services and middleware live in other files.
 */
const ruleTester = createRuleTesterWithTypes();
const filename = path.join(fixturesDir, 'layered/routes.ts');
const header = `import { Router } from 'express';
import { noteService, searchService, assertOwner, NoteService } from './services/notes.js';
import { NoteRepository } from './repositories/index.js';
import findAudit from './repositories/index.js';
import * as repos from './repositories/index.js';
import { requireSelf, loadNoteId } from './middleware/owner.js';
import { ddb } from './db.js';
import { GetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
export const router = Router();
`;
const valid = (body: string) => ({ code: header + body, filename });
const invalid = (body: string) => ({ ...invalidAt(header + body, 'unscopedKey' as const), filename });

ruleTester.run('no-unscoped-key (layered)', rule, {
  valid: [
    // Route → service → repository, keyed by the caller.
    valid(`
router.get('/notes', async (req, res) => {
  res.json(await noteService.listFor(req.user!.sub));
});`),
    // The service compares the owner of what it read with the caller and throws.
    valid(`
router.get('/notes/:noteId', async (req, res) => {
  res.json(await noteService.getOwnNote(req.params.noteId, req.user!.sub));
});`),
    // The repository's key mixes the caller (via an object argument) and the route value.
    valid(`
router.delete('/notes/:noteId', async (req, res) => {
  await noteService.removeFor(req.user!, req.params.noteId);
  res.sendStatus(204);
});`),
    // A helper in another file that throws unless the item belongs to the caller.
    valid(`
router.get('/n/:noteId', async (req, res) => {
  const note = await noteService.getNote(req.params.noteId);
  assertOwner(note, req.user);
  res.json(note);
});`),
    // Route-level middleware from another file that ends the request on a mismatch.
    valid(`
router.delete('/users/:userId', requireSelf, async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.sendStatus(204);
});`),
    // A constructor-injected repository called with the caller's id.
    valid(`
class NotesController {
  constructor(private readonly notes: NoteService) {}
  mine = async (req: import('express').Request, res: import('express').Response) => {
    res.json(await this.notes.listFor(req.user!.sub));
  };
}
router.get('/mine', new NotesController(new NoteService()).mine);`),
    // Values that never came from a request.
    valid(`
export async function nightlyJob(ids: string[]) {
  for (const id of ids) await noteService.getNote(id);
}`),
    // An object-literal service keyed by the caller.
    valid(`
router.get('/search', async (req, res) => {
  res.json(await searchService.byOwner(req.user!.sub));
});`),
  ],
  invalid: [
    // Route → service class → repository class in other files.
    invalid(`
router.get('/notes/:noteId', async (req, res) => {
  res.json(await noteService.getNote(req.params.noteId)); // ✗
});`),
    // Constructor-injected service in a controller class.
    invalid(`
class NotesController {
  constructor(private readonly notes: NoteService) {}
  show = async (req: import('express').Request, res: import('express').Response) => {
    res.json(await this.notes.getNote(req.params.noteId)); // ✗
  };
}
router.get('/notes/:noteId', new NotesController(new NoteService()).show);`),
    // The repository directly, through a variable and a re-export.
    invalid(`
const repo = new NoteRepository(ddb);
router.get('/raw/:noteId', async (req, res) => {
  const { noteId } = req.params;
  res.json(await repo.findById(noteId)); // ✗
});`),
    // Namespace import and default re-export.
    invalid(`
router.get('/audit/:auditId', async (req, res) => {
  res.json(await findAudit(req.params.auditId)); // ✗
});`),
    invalid(`
router.get('/audit2/:auditId', async (req, res) => {
  res.json(await repos.findAudit(String(req.query.auditId))); // ✗
});`),
    // A static method building params in another file.
    invalid(`
router.get('/k/:noteId', async (req, res) => {
  const out = await ddb.send(new GetCommand(NoteRepository.keyFor(req.params.noteId))); // ✗
  res.json(out.Item);
});`),
    // An object-literal service called with a client-chosen owner.
    invalid(`
router.get('/search', async (req, res) => {
  res.json(await searchService.byOwner(String(req.query.owner))); // ✗
});`),
    // The owner part of the key comes from the route: nothing scopes it (two request values, two reports).
    invalid(`
router.delete('/users/:userId/notes/:noteId', async (req, res) => {
  await noteService.removeFor({ sub: req.params.userId }, req.params.noteId); // ✗✗
  res.sendStatus(204);
});`),
    // Middleware that copies the route value onto the request, read in the handler.
    invalid(`
router.get('/notes/:noteId/raw', loadNoteId, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.noteId } })); // ✗
  res.json(out.Item);
});`),
    // A callback passed to Promise.all over request values, into another file.
    invalid(`
router.post('/notes/batch', async (req, res) => {
  const ids: string[] = req.body.ids;
  const notes = await Promise.all(ids.map((id) => noteService.getNote(id))); // ✗
  res.json(notes);
});`),
    // A promise chain.
    invalid(`
router.get('/then/:noteId', (req, res) => {
  Promise.resolve(req.params.noteId)
    .then((id) => noteService.getNote(id)) // ✗
    .then((note) => res.json(note));
});`),
    // A check in the route that does not exit protects nothing.
    invalid(`
router.get('/weak/:noteId', async (req, res) => {
  const note = await noteService.getNote(req.params.noteId); // ✗
  if (note?.ownerId !== req.user?.sub) console.warn('foreign note');
  res.json(note);
});`),
  ],
});
