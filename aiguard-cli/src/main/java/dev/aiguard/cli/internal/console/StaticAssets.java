package dev.aiguard.cli.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's script, style sheet and chart library, read once from the class path: the console's own files and
 * the ECharts WebJar ({@code META-INF/resources/webjars/echarts/<version>/dist/echarts.min.js}).
 */
final class StaticAssets {

    /** One file to serve. */
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String OWN = "dev/aiguard/cli/console/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private final Map<String, Asset> byPath;

    private StaticAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Loads every asset; fails when one is missing from the class path (a packaging error). */
    static StaticAssets load() {
        ClassLoader loader = StaticAssets.class.getClassLoader();
        String version = echartsVersion(loader);
        return new StaticAssets(Map.of(
                "/static/console.js", new Asset("text/javascript; charset=utf-8", read(loader, OWN + "console.js")),
                "/static/console.css", new Asset("text/css; charset=utf-8", read(loader, OWN + "console.css")),
                "/static/echarts.min.js", new Asset("text/javascript; charset=utf-8",
                        read(loader, "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js"))));
    }

    Asset find(String path) {
        return byPath.get(path);
    }

    private static String echartsVersion(ClassLoader loader) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
