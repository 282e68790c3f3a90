package io.communique.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.db.EmbeddedDatabase;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the container files are checked statically: they parse, and every
 * variable, port and probe they use exists in the application and is documented in the README.
 */
@QuarkusTest
class DeploymentFilesTest {

    private static final Pattern ENV_NAME = Pattern.compile("(QUARKUS|COMMUNIQUE)_[A-Z0-9_]+");
    private static final Set<String> LAUNCHER_VARIABLES = Set.of(EmbeddedDatabase.DATA_DIR_ENV, EmbeddedDatabase.PORT_ENV);

    @Test
    void composeFileParsesAndUsesOnlyKnownVariablesAndPorts() throws IOException {
        Map<String, Object> compose = yaml("docker/docker-compose.yml").get(0);
        Map<String, Object> app = map(map(compose.get("services")).get("app"));
        Map<String, Object> env = map(app.get("environment"));
        assertFalse(env.isEmpty());
        env.keySet().forEach(DeploymentFilesTest::assertKnownVariable);
        assertEquals(List.of(String.valueOf(httpPort())), app.get("expose"));
        assertTrue(Files.readString(Path.of("docker/nginx.conf")).contains("server app:" + httpPort() + ";"));
        assertEquals(2, map(app.get("deploy")).get("replicas"), "two replicas show the app is stateless");
    }

    @Test
    void kubernetesManifestsParseAndProbeRealEndpoints() throws IOException {
        List<Map<String, Object>> docs = yaml("docker/k8s/communique.yaml");
        Map<String, Object> deployment = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> container = map(((List<?>) map(map(map(deployment.get("spec")).get("template")).get("spec"))
                .get("containers")).get(0));
        Map<String, String> env = new HashMap<>();
        for (Object e : (List<?>) container.get("env")) {
            assertKnownVariable((String) map(e).get("name"));
            env.put((String) map(e).get("name"), (String) map(e).get("value"));
        }
        // Kubernetes kills the pod at the end of its grace period: it must outlast the delay, in which
        // the pod still serves, plus the time in-flight requests get to finish.
        Duration delay = DurationConverter.parseDuration(env.getOrDefault("QUARKUS_SHUTDOWN_DELAY", "0s"));
        Duration timeout = ConfigProvider.getConfig().getValue("quarkus.shutdown.timeout", Duration.class);
        int grace = (Integer) map(map(map(deployment.get("spec")).get("template")).get("spec")).get("terminationGracePeriodSeconds");
        assertTrue(Duration.ofSeconds(grace).compareTo(delay.plus(timeout)) > 0,
                "grace period " + grace + " s does not cover delay " + delay + " and timeout " + timeout);
        assertEquals(httpPort(), map(((List<?>) container.get("ports")).get(0)).get("containerPort"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            String path = (String) map(map(container.get(probe)).get("httpGet")).get("path");
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    void dockerfileExposesTheHttpPortAndProbesReadiness() throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        assertTrue(dockerfile.contains("EXPOSE " + httpPort()));
        assertTrue(dockerfile.contains("/q/health/ready"));
        assertTrue(dockerfile.contains("USER communique"), "runs as a non-root user");
        for (var m = ENV_NAME.matcher(dockerfile); m.find(); ) {
            assertKnownVariable(m.group());
        }
    }

    /** Known = read by the launcher, or a configuration property the running application resolves; and documented. */
    private static void assertKnownVariable(String name) {
        if (!LAUNCHER_VARIABLES.contains(name)) {
            assertTrue(name.startsWith("QUARKUS_"), name + " is neither a Quarkus property nor a launcher variable");
            String property = name.toLowerCase(Locale.ROOT).replace('_', '.');
            var value = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigValue(property);
            assertNotNull(value.getRawValue(), name + " maps to " + property + ", which the application does not know");
        }
        try {
            assertTrue(Files.readString(Path.of("README.md")).contains("`" + name + "`"), name + " is not documented in README.md");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The port the packaged server listens on (tests themselves run on a random port). */
    private static int httpPort() {
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            var properties = new java.util.Properties();
            properties.load(in);
            return Integer.parseInt(properties.getProperty("quarkus.http.port"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> yaml(String file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of(file)))) {
            docs.add(map(doc));
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "expected a mapping, got " + o);
        return (Map<String, Object>) o;
    }

}
