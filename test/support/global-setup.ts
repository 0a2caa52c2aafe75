// Says once, at the top of every run, whether the Postgres half of the store suite runs.
export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL;
  if (url) console.log(`[persona-bot] Store suites run on PGlite and on PostgreSQL (TEST_DATABASE_URL is set).`);
  else
    console.log(
      '[persona-bot] Postgres suite skipped: TEST_DATABASE_URL is not set. Store suites run on PGlite only.\n' +
        '              To include Postgres: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test',
    );
}
