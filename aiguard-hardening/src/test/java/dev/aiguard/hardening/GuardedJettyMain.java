package dev.aiguard.hardening;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.servlet.AiGuardFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The process {@link BodyMemoryTest} measures: a guarded Jetty 12 server as a user would run it, the policy file
 * given as the only argument (environment variables in it resolved as usual) in front of two endpoints:
 * <ul>
 *   <li>{@code /drain}: reads the body to the end in 64 KB steps, keeping none of it, and answers its length;</li>
 *   <li>{@code /buffer}: reads the whole body into memory and answers its length, the control that shows the
 *       measurement does see a buffered body.</li>
 * </ul>
 * Prints {@code READY <port>} on stdout once it serves, and stops when its stdin closes.
 */
public final class GuardedJettyMain {

    private GuardedJettyMain() {
    }

    public static void main(String[] args) throws Exception {
        Guard guard = Guard.create(PolicyLoader.create().load(Path.of(args[0])).toGuardConfig());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(new AiGuardFilter(guard));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new LengthServlet(false)), "/drain");
        context.addServlet(new ServletHolder(new LengthServlet(true)), "/buffer");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the test closes stdin (or dies, which closes it too).
        }
        server.stop();
        guard.close();
    }

    /** Answers the body's length, read as a stream ({@code keep = false}) or into one array. */
    private static final class LengthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean keep;

        LengthServlet(boolean keep) {
            this.keep = keep;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long length;
            try (InputStream in = request.getInputStream()) {
                if (keep) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    in.transferTo(all);
                    length = all.toByteArray().length;
                } else {
                    byte[] step = new byte[64 << 10];
                    length = 0;
                    for (int n = in.read(step); n >= 0; n = in.read(step)) {
                        length += n;
                    }
                }
            }
            response.setContentType("text/plain");
            response.getWriter().print(length);
        }
    }
}
