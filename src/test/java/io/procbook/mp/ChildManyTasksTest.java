package io.procbook.mp;

import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.ParcelWriter;
import io.procbook.mp.internal.ChildContext;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.ChildJvm;
import io.procbook.mp.internal.Children;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ChildProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The seam pools build on: one child JVM that receives many task parcels over the control link and answers
 * each, as a pool worker does.
 */
class ChildManyTasksTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        leaks.assertClean();
    }

    /** A minimal worker loop: decode a parcel holding a Call, run it, send back the result; stop on null. */
    static final class Worker implements ChildEntry {
        @Override
        public void run(ChildContext context) throws Throwable {
            while (true) {
                Parcel task = EnvelopeCodec.decodeParcel(context.receive());
                Object call = context.decode(task);
                if (call == null) return;
                Object result = ((Call<?>) call).call();
                context.send(Serial.toBytes(result));
            }
        }
    }

    @Test
    void oneChildRunsManyTasksAndKeepsItsPid() throws Exception {
        ChildJvm jvm = WarmPool.obtain();
        Transit transit = new Transit(false); // a worker's: holds until it has exited
        BlockingQueue<byte[]> results = new LinkedBlockingQueue<>();
        jvm.onData(results::add);
        jvm.assign("Worker-1", ChildProcess.Kind.POOL_WORKER, ParcelWriter.write(new Worker(), null, transit),
                Children.AtExit.TERMINATE);
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int k = i;
            Call<String> task = () -> k * k + "@" + ProcessHandle.current().pid();
            jvm.send(EnvelopeCodec.encode(ParcelWriter.write(task, null, transit)));
            byte[] r = results.poll(60, TimeUnit.SECONDS);
            assertNotNull(r, "result " + i);
            got.add(Serial.fromBytes(r, getClass().getClassLoader(), null));
        }
        assertEquals(List.of("0@" + jvm.pid(), "1@" + jvm.pid(), "4@" + jvm.pid(), "9@" + jvm.pid(),
                "16@" + jvm.pid()), got);
        jvm.send(EnvelopeCodec.encode(ParcelWriter.write(null, null, transit)));
        assertEquals(0, jvm.onExit().get(60, TimeUnit.SECONDS));
        transit.release();
    }
}
