// Preloaded (node --require) into the Settle processes a benchmark starts, when it gives them an
// IPC channel: counts the SQL statements each process sends through node-postgres (transaction
// BEGIN/COMMIT included) and answers the message 'statements' with the running total.
if (process.send) {
  const pg = require(require.resolve('pg', { paths: [process.cwd(), __dirname] }));
  const send = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function countedQuery(...args) {
    statements += 1;
    return send.apply(this, args);
  };
  process.on('message', (message) => {
    if (message === 'statements') process.send({ statements });
  });
  // The channel must not keep a process alive that would otherwise exit.
  process.channel?.unref();
}
