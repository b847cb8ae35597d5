import path from 'node:path';
import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Items read in other files (repositories, services) and projected — or not — by mappers and
 * response helpers in other files: each case is a route module of `tests/fixtures/layered/`.
 */
/** The engine's patterns, in the `strict` config's audit mode (evidence: tests/rules/evidence.test.ts). */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const filename = path.join(fixturesDir, 'layered/routes.ts');
const header = `import { Router } from 'express';
import { noteService } from './services/notes.js';
import { NoteRepository } from './repositories/index.js';
import { findProfile, findProfileCard, findPublicProfile, listTeam } from './repositories/profiles.js';
import { toPublicProfile, withAvatar, PublicProfile } from './mappers/profiles.js';
import { sendData, sendUser, result } from './lib/http.js';
import { ddb } from './db.js';
export const router = Router();
`;
const valid = (body: string) => ({ code: header + body, filename });
const invalid = (body: string) => ({ ...invalidAt(header + body, 'rawItem' as const), filename });

ruleTester.run('no-raw-item-response (layered)', rule, {
  valid: [
    // A mapper in another file returning named fields.
    valid(`
router.get('/me', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  res.json(profile && toPublicProfile(profile));
});`),
    valid(`
router.get('/team/:teamId', async (req, res) => {
  res.json((await listTeam(req.user!.sub)).map(toPublicProfile));
});`),
    // A zod schema declared in another file.
    valid(`
router.get('/me/parsed', async (req, res) => {
  res.json(PublicProfile.parse(await findProfile(req.user!.sub)));
});`),
    // Projected on the read, or mapped inside the repository.
    valid(`
router.get('/me/card', async (req, res) => {
  res.json(await findProfileCard(req.user!.sub));
});`),
    valid(`
router.get('/me/public', async (req, res) => {
  res.json(await findPublicProfile(req.user!.sub));
});`),
    // A helper that sends only one property of its argument, given a projected one.
    valid(`
router.get('/me/session', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  sendUser(res, { user: profile?.displayName, token: 't' });
});`),
    // The item never reaches the response.
    valid(`
router.get('/me/exists', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  sendData(res, { exists: profile !== undefined });
});`),
  ],
  invalid: [
    // Repository → route.
    invalid(`
router.get('/me', async (req, res) => {
  res.json(await findProfile(req.user!.sub)); // ✗
});`),
    // Repository class → service class → route.
    invalid(`
router.get('/notes/:noteId', async (req, res) => {
  const note = await noteService.getOwnNote(req.params.noteId, req.user!.sub);
  res.json(note); // ✗
});`),
    invalid(`
const repo = new NoteRepository(ddb);
router.get('/notes', async (req, res) => {
  res.json({ notes: await repo.listByOwner(req.user!.sub) }); // ✗
});`),
    // A mapper in another file that spreads the item.
    invalid(`
router.get('/me/avatar', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  res.json(profile && withAvatar(profile)); // ✗
});`),
    invalid(`
router.get('/team/:teamId/avatars', async (req, res) => {
  res.json((await listTeam(req.user!.sub)).map(withAvatar)); // ✗
});`),
    // Response helpers in another file: the report goes on the argument here.
    invalid(`
router.get('/me/envelope', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  sendData(res, profile); // ✗
});`),
    invalid(`
router.get('/me/user', async (req, res) => {
  const profile = await findProfile(req.user!.sub);
  sendUser(res, { user: profile, token: 't' }); // ✗
});`),
    invalid(`
export async function handler() {
  const profile = await findProfile('me');
  return result(200, profile); // ✗
}`),
  ],
});
