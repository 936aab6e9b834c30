package dev.descent.tensor;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that call {@link Blas#setThreads}: the thread count before each test is set again
 * after it, so that the next test starts from the same count.
 * {@code @ExtendWith(RestoresBlasThreads.class)} on the test class.
 */
public final class RestoresBlasThreads implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace SPACE =
            ExtensionContext.Namespace.create(RestoresBlasThreads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(SPACE).put("threads", Blas.threads());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Blas.setThreads(context.getStore(SPACE).get("threads", Integer.class));
    }
}
