package org.rapaio.jupyter.kernel.channels;

/**
 * Drop-in replacement for rapaio-jupyter-kernel 3.0.1's channel loop thread, compiled by
 * {@code environment/setup.sh} into a folder placed ahead of the kernel jar on the classpath.
 *
 * <p>It fixes two start-up races of the original that leave about one kernel start in three hung:
 * <ol>
 *   <li>The original set its {@code running} flag after {@code Thread.start()}, so a loop that
 *       was scheduled at once read {@code false} and ended before serving any message. Here the
 *       flag is set before the thread starts.</li>
 *   <li>{@code Channels.connect} binds the sockets and starts these loops before it installs its
 *       message handlers. A request arriving in that window made the loop body throw, which
 *       killed the loop for good. Here a failing iteration is reported and the loop goes on;
 *       the lost request is a {@code kernel_info_request}, which Jupyter clients resend until
 *       answered.</li>
 * </ol>
 * The public surface (constructor, {@code start}, {@code shutdown}) is that of the original.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println("[edm kernel fix] " + getName() + ": iteration failed, loop continues: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread can look at it
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
