package edm.train;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A background thread that collects garbage and refills freed direct memory with NaN bytes, so that a
 * tensor autograd saved from a Java buffer the engine does not own (see {@code edm.nn.Scalar}) is overwritten
 * between forward and backward, as it eventually is in a long-running kernel.
 */
final class HeapChurn implements AutoCloseable {
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::loop, "heap-churn");

    private HeapChurn() {
        thread.setDaemon(true);
        thread.start();
    }

    static HeapChurn start() {
        return new HeapChurn();
    }

    private void loop() {
        List<ByteBuffer> held = new ArrayList<>();
        while (running) {
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 4));
                while (b.hasRemaining()) {
                    b.put((byte) 0xFF);
                }
                held.add(b);
            }
            held.clear();
            System.gc();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
