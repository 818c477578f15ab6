/**
 * JVM flags for the throwaway Neo4j instances the tests start (passed through JAVA_TOOL_OPTIONS,
 * which every JVM reads, so the service's own flags stay as they are). Each test JVM lives for
 * seconds to a minute: the C1 compiler alone and the serial collector start Neo4j and plan its
 * first queries markedly faster on two cores than the default tiered JIT and G1 threads.
 * An explicit JAVA_TOOL_OPTIONS in the environment wins.
 */
export const TEST_JAVA_TOOL_OPTIONS = process.env.JAVA_TOOL_OPTIONS ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
