package dev.aiguard.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every servlet behaviour spec on embedded Tomcat 10.1. */
class TomcatTest {

    @Nested
    class Filtering extends FilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }
    }

    @Nested
    class ResponseUsage extends ResponseUsageSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }

        @Override
        @Test
        @Disabled("Tomcat 10.1.49 delivers wrong bytes to a ReadListener after a blocking read of part of the body, "
                + "also without AIGuard (checked with a pass-through filter): see docs/servlet.md, Known limits")
        void asyncServletReadsTheWholeBodyWithAReadListener() {
        }
    }

    @Nested
    class StreamCut extends StreamCutSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }
    }

    @Nested
    class Crs extends CrsFilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }
    }

    @Nested
    class Policy extends PolicyFilterSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }
    }

    @Nested
    class Output extends OutputSpec {
        @Override
        ServletServer start(Filter filter, HttpServlet servlet) throws Exception {
            return TomcatServer.start(filter, servlet);
        }
    }
}
