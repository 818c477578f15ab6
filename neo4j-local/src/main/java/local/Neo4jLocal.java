package local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in-process with only the Bolt connector on loopback.
 *
 * Usage: java ... local.Neo4jLocal <storeDir> <port>
 * Prints "NEO4J_READY bolt://127.0.0.1:<port>" once the default database answers, so the
 * Node supervisor can wait on that line. The store directory survives restarts; a shutdown
 * hook closes the database cleanly on SIGTERM/SIGINT.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Neo4jLocal <storeDir> <port>");
      System.exit(64);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);

    DatabaseManagementService service;
    try {
      service = new DatabaseManagementServiceBuilder(home)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          .setConfig(GraphDatabaseSettings.auth_enabled, false)
          .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
          .setConfig(GraphDatabaseSettings.udc_enabled, false)
          // Netty waits this many quiet seconds per Bolt event loop group (bolt and bolt-local)
          // before it stops: 5 s each by default, 10 s added to every shutdown for nothing, since
          // the connections are closed by then.
          .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
          // Cypher caches a plan per query text, parameter types and, by default, a size bucket of
          // each list and string parameter: `UNWIND $keys` with 1, 2, 20 or 100 keys was planned
          // four times (0.1-3 s each on a cold JVM) for the same plan. Our queries take batches of
          // keys of every size, so the bucket only multiplied cold plans (a third of the test
          // suite's Neo4j CPU, and slow first requests for users).
          .setConfig(GraphDatabaseInternalSettings.cypher_size_hint_parameters, false)
          .build();
    } catch (Throwable e) {
      System.err.println("NEO4J_FAILED " + rootMessage(e));
      System.exit(1);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.shutdown();
      stopped.countDown();
    }, "neo4j-local-shutdown"));

    GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
      System.err.println("NEO4J_FAILED database did not become available within 2 minutes");
      System.exit(1);
    }
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) cause = cause.getCause();
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
