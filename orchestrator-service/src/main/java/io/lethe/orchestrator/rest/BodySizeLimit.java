package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.config.ApiConfig;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body exceeds {@code lethe.api.max-body-size} with a problem+json
 * 413 before any of it is read. It runs ahead of Quarkus's own body limit, which answers with an
 * empty body. A body without a Content-Length (chunked) is cut off while it is read, by {@link
 * BodySizeInterceptor}.
 */
@ApplicationScoped
public class BodySizeLimit {

  private final long maxBytes;

  public BodySizeLimit(
      ApiConfig config,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize transportLimit) {
    this.maxBytes = config.maxBodySize().asLongValue();
    // at or above the transport limit, Quarkus would cut chunked bodies off first, without a body
    if (maxBytes >= transportLimit.asLongValue()) {
      throw new IllegalStateException(
          "lethe.api.max-body-size ("
              + maxBytes
              + " bytes) must be below quarkus.http.limits.max-body-size ("
              + transportLimit.asLongValue()
              + " bytes)");
    }
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared == null || !tooLarge(declared)) {
      ctx.next();
      return;
    }
    Problem problem = ProblemMappers.bodyTooLarge(maxBytes, ctx.request().path());
    // The client may still be sending the body: it is told to close the connection, and the server
    // discards what still arrives. Closing from this side at once (as Quarkus's own limit does)
    // can reset the connection before the client has read this answer.
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(LetheJson.write(problem));
  }

  private boolean tooLarge(String declared) {
    try {
      return Long.parseLong(declared.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      // the HTTP codec refuses malformed lengths before routing; leave anything else to Quarkus
      return false;
    }
  }
}
