package dev.aiguard.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Nested;

/** Every servlet behaviour spec on embedded Jetty 12 (ee10). */
class JettyTest {

    @Nested
    class Filtering extends FilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }

    @Nested
    class ResponseUsage extends ResponseUsageSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }

    @Nested
    class StreamCut extends StreamCutSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }

    @Nested
    class Crs extends CrsFilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }

    @Nested
    class Policy extends PolicyFilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }

    @Nested
    class Output extends OutputSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return JettyServer.start(filter, servlet);
        }
    }
}
