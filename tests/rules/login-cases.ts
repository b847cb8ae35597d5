/** The read of a sign-in route (`signinRoute`): the account the client names, by its email. */
export const signinRead = `  const found = await doc.get({ TableName: 'Users', Key: { email } }).promise();`;

/**
 * An Express sign-in route over an SDK v2 `doc` client: it reads the account the client names,
 * runs `login` (which defines the token `out`), and answers `{ token: out, <answer> }`.
 */
export const signinRoute = (login: string, answer: string) => `app.post('/signin', async (req, res) => {
  const email = String(req.body.email);
  const password = String(req.body.password);
${signinRead}
  if (!found.Item) return res.status(404).end();
${login}
  res.json({ token: out, ${answer} });
});`;
