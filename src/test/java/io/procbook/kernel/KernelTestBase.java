package io.procbook.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh kernel (fake engine) and connected client per test, checked for leaks afterwards. */
abstract class KernelTestBase {
    KernelFixture k;
    TestClient c;

    @BeforeEach
    void startKernel() {
        k = new KernelFixture();
        c = k.client;
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        k.close();
    }
}
