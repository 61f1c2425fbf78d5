// Runs verdaccio in this child process on 127.0.0.1 with a port the OS picks, and reports the port
// to the parent over IPC. Exits on SIGTERM or when the parent goes away (the IPC channel closes),
// so a crashed test run never leaves a registry behind.
const { runServer } = require('verdaccio');

const [configPath] = process.argv.slice(2);

runServer(configPath)
  .then((server) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(0), 2000).unref();
      server.close(() => process.exit(0));
      server.closeAllConnections();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('disconnect', stop);
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  })
  .catch((error) => {
    process.send?.({ error: String(error?.stack ?? error) });
    process.exit(1);
  });
