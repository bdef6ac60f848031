package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.config.ApiConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts off a request body past {@code lethe.api.max-body-size} while it is read, for bodies that
 * declare no length (chunked); {@link ProblemMappers} answers with a problem+json 413. Bodies that
 * declare their length are refused earlier, unread, by {@link BodySizeLimit}.
 */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

  // looked up per use: REST providers are created at static init, before config mappings exist
  private final Instance<ApiConfig> config;

  public BodySizeInterceptor(Instance<ApiConfig> config) {
    this.config = config;
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    long maxBytes = config.get().maxBodySize().asLongValue();
    context.setInputStream(new Limited(context.getInputStream(), maxBytes));
    return context.proceed();
  }

  /** A body larger than the API reads. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    final long maxBytes;

    BodyTooLargeException(long maxBytes) {
      super("request body exceeds " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }
  }

  /** Fails the read that would go past the limit. */
  private static final class Limited extends FilterInputStream {
    private final long maxBytes;
    private long read;

    Limited(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }
  }
}
