/**
 * A mistake in the user's configuration (settings or rule options). Unlike a failure of the
 * analysis, which a rule contains, it must reach ESLint and stop the run with its message.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}
