import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * The caller's own items can carry another user's whole record (fresh-z G): an object is one object
 * wherever it is named, so a property set on it through a loop's variable, an element callback's
 * parameter or a parameter of a helper is sent with the array or object that holds it; a promise
 * built with `new Promise(executor)` resolves to what the executor hands to `resolve`; a parameter
 * assigned in its helper (`trips = await withOwners(trips)`) holds what was assigned.
 * Recommended config: the trips are the caller's own, the users' records hold an e-mail address.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (route: string) => `${expressHeader}
type Row = Record<string, any>;
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { id: req.user!.sub, email: String(req.body.email), name: String(req.body.name) } }));
  res.sendStatus(201);
});
async function myTrips(me: string): Promise<Row[]> {
  const out = await ddb.send(new QueryCommand({ TableName: 'Members', KeyConditionExpression: 'memberId = :m', ExpressionAttributeValues: { ':m': me } }));
  return out.Items ?? [];
}
async function userOf(id: string) {
  return (await ddb.send(new GetCommand({ TableName: 'Users', Key: { id } }))).Item;
}
${route}`;

const bad = (route: string) => invalidAt(program(route), 'rawItem');

ruleTester.run('no-raw-item-response (records attached to the caller’s own items)', rule, {
  valid: [
    // What is attached is the caller's own record, or no item at all.
    program(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  for (const trip of trips) {
    trip.seen = true;
    trip.me = await userOf(req.user!.sub);
  }
  res.json(trips);
});`),
    // Another user's record is read, but only its name is attached.
    program(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  trips.forEach(async (trip) => {
    trip.ownerName = (await userOf(trip.ownerId))?.name;
  });
  res.json(trips);
});`),
    // Only how many trips there are is sent: an array's length is none of its elements.
    program(`app.get('/trips/count', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  for (const trip of trips) trip.owner = await userOf(trip.ownerId);
  res.json({ count: trips.length });
});`),
    // The record is attached to a copy that is never sent.
    program(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  const copies = trips.map((trip) => ({ ...trip }));
  for (const copy of copies) copy.owner = await userOf(copy.ownerId);
  res.json(trips);
});`),
  ],
  invalid: [
    // Through a loop's variable.
    bad(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  for (const trip of trips) trip.owner = await userOf(trip.ownerId);
  res.json(trips); // ✗
});`),
    // Through an element callback's parameter, the array sent afterwards.
    bad(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  await Promise.all(trips.map(async (trip) => {
    trip.owner = await userOf(trip.ownerId);
  }));
  res.json(trips); // ✗
});`),
    // The callback's parameter returned after the write.
    bad(`app.get('/trips', async (req, res) => {
  const trips = await myTrips(req.user!.sub);
  const full = await Promise.all(trips.map(async (trip) => {
    trip.owner = await userOf(trip.ownerId);
    return trip;
  }));
  res.json(full); // ✗
});`),
    // A helper resolving each element through \`new Promise\`, and its result assigned to the parameter.
    bad(`async function withOwners(trips: Row[]) {
  const promises: Promise<unknown>[] = [];
  trips.forEach((trip) => {
    promises.push(new Promise(async (resolve) => {
      trip.createdBy = await userOf(trip.ownerId);
      return resolve(trip);
    }));
  });
  return Promise.all(promises);
}
async function decorate(trips: Row[], me: string) {
  try {
    if (me) trips = (await withOwners(trips)) as Row[];
  } catch (error) {
    console.log(error);
  }
  return trips;
}
app.get('/trips', async (req, res) => {
  res.json(await decorate(await myTrips(req.user!.sub), req.user!.sub)); // ✗
});`),
  ],
});
