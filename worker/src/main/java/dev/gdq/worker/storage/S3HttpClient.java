package dev.gdq.worker.storage;

import io.minio.http.HttpUtils;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The HTTP client the MinIO SDK uses: its defaults, plus the JVM's default trust manager set once, and room for
 * {@code concurrency} requests in flight to the store.
 *
 * <p>Why the trust manager: MinIO 8.6.0 derives a new OkHttp client for every upload with a stream body
 * ({@code newBuilder().build()}). When no trust manager was set explicitly, each derived client builds a new
 * certificate-chain cleaner from the platform's trust store and OkHttp compares it with the old one, certificate by
 * certificate: in a profile of a worker on the trivial model that was the largest CPU cost of an upload (see
 * BENCHMARKS.md). With an explicit one, the derived client reuses the same cleaner and the comparison is an identity
 * check.
 */
public final class S3HttpClient {

    private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private S3HttpClient() {
    }

    public static OkHttpClient create(int concurrency) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager trustManager = null;
            for (TrustManager candidate : factory.getTrustManagers()) {
                if (candidate instanceof X509TrustManager x509) {
                    trustManager = x509;
                }
            }
            if (trustManager == null) {
                throw new IllegalStateException("the JVM has no X509 trust manager");
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustManager}, null);
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequestsPerHost(Math.max(dispatcher.getMaxRequestsPerHost(), concurrency));
            dispatcher.setMaxRequests(Math.max(dispatcher.getMaxRequests(), concurrency));
            return HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS).newBuilder()
                    .sslSocketFactory(tls.getSocketFactory(), trustManager)
                    .dispatcher(dispatcher)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the S3 client: " + e.getMessage(), e);
        }
    }
}
