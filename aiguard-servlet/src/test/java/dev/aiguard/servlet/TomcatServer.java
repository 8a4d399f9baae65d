package dev.aiguard.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real embedded Tomcat 10.1 (Servlet 6.0) on 127.0.0.1, an ephemeral port, one filter and one servlet. */
final class TomcatServer implements ServletServer {

    /** Tomcat logs through java.util.logging at INFO; the tests only want its errors. Held so the level sticks. */
    private static final java.util.logging.Logger TOMCAT_LOG = quiet();

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;

    private TomcatServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.apache");
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    static TomcatServer start(Filter filter, HttpServlet servlet) throws Exception {
        Path baseDir = Files.createTempDirectory("aiguard-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "app", servlet).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "app");
        FilterDef def = new FilterDef();
        def.setFilterName("aiguard");
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("aiguard");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        context.addFilterMap(map);

        tomcat.start();
        return new TomcatServer(tomcat, connector, baseDir);
    }

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } finally {
            delete(baseDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
