package io.communique.support;

import static io.restassured.RestAssured.given;

/** The test application's Prometheus output, and the value of one series in it. */
public final class Metrics {

    private Metrics() {
    }

    /** {@code /q/metrics} as it stands now. */
    public static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of {@code series}, written as Prometheus prints it (name, then its labels sorted by
     * name: {@code name{a="x",b="y"}}); 0 when the series is not there (nothing counted yet).
     */
    public static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }
}
