package dev.aiguard.vertx;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real Vert.x HTTP server on 127.0.0.1, an ephemeral port: the guard handler on every route, then the app. */
final class VertxServer implements AutoCloseable {

    private final HttpServer server;

    private VertxServer(HttpServer server) {
        this.server = server;
    }

    static VertxServer start(Vertx vertx, Handler<RoutingContext> guard, Consumer<Router> app) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(guard);
        app.accept(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new VertxServer(server);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
