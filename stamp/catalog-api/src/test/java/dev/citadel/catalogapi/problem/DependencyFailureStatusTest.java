package dev.citadel.catalogapi.problem;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverExecutionException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.web.WebSliceTest;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every way Cassandra or Kafka can fail, as the driver and the client raise it and however it is wrapped, is a 503
 * problem+json with Retry-After: the edge retries it on the other stamp, and a 500 would never be retried.
 */
@WebSliceTest
class DependencyFailureStatusTest {

    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final String DEPENDENCY = "https://citadel.dev/problems/dependency-unavailable";

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;

    static Stream<Arguments> cassandraFailures() {
        Node node = node();
        NodeUnavailableException unavailable = new NodeUnavailableException(node);
        return Stream.of(
                Arguments.of("NoNodeAvailableException", new NoNodeAvailableException()),
                Arguments.of("AllNodesFailedException(NodeUnavailable)",
                        AllNodesFailedException.fromErrors(Map.<Node, Throwable>of(node, unavailable))),
                Arguments.of("NodeUnavailableException", unavailable),
                Arguments.of("DriverTimeoutException", new DriverTimeoutException("PT2S")),
                Arguments.of("ConnectionInitException", new ConnectionInitException("init", new ConnectException())),
                Arguments.of("ClosedConnectionException", new ClosedConnectionException("closed")),
                Arguments.of("HeartbeatException", new HeartbeatException(null, "no heartbeat", null)),
                Arguments.of("DriverExecutionException", new DriverExecutionException(new ConnectException())),
                Arguments.of("catalog-core FatalException wrapping a driver failure",
                        new FatalException("read failed: ConnectionInitException",
                                new ConnectionInitException("init", null))),
                Arguments.of("catalog-core RetriableException", new RetriableException("read failed")),
                Arguments.of("CompletionException(DriverTimeoutException)",
                        new CompletionException(new DriverTimeoutException("PT2S"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cassandraFailures")
    void aCassandraFailureIs503(String name, RuntimeException failure) throws Exception {
        when(reads.listItems(anyInt(), isNull())).thenThrow(failure);
        mvc.perform(get(ITEMS))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value(DEPENDENCY));
    }

    static Stream<Arguments> kafkaFailures() {
        return Stream.of(
                Arguments.of("TimeoutException", new TimeoutException("Expiring 1 record(s)")),
                Arguments.of("NetworkException", new NetworkException("disconnected")),
                Arguments.of("NotEnoughReplicasException", new NotEnoughReplicasException("isr")),
                Arguments.of("KafkaException", new KafkaException("producer closed")),
                Arguments.of("CompletionException(ExecutionException(TimeoutException))",
                        new CompletionException(new ExecutionException(new TimeoutException("metadata")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaFailures")
    void aKafkaFailureOfAnAsyncWriteIs503(String name, RuntimeException failure) throws Exception {
        doThrow(failure).when(publisher).publish(any(), any());
        mvc.perform(delete(ITEMS + "/" + UUID.randomUUID()).header("X-API-KEY", WebSliceTest.KEY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value(DEPENDENCY));
    }

    /** Our own statement being wrong fails on every stamp alike: that stays a 500, not a reason to fail over. */
    @Test
    void aStatementTheServerRejectsStays500() throws Exception {
        when(reads.listItems(anyInt(), isNull())).thenThrow(new SyntaxError(null, "line 1:0 no viable alternative"));
        mvc.perform(get(ITEMS))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/internal-error"));
    }

    /** A driver node that only names itself: what the exceptions read of it. */
    private static Node node() {
        return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "node1";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
