package org.clipsynergy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a piece of work in the file system (a feature-cache entry being written, a
 * zoo being built), held through {@link FileChannel#tryLock()} on a lock file. The operating system
 * releases it when the holding process ends, so a killed process never leaves the work locked; the
 * file itself stays (deleting a lock file races with its next user). While held, the file names the
 * holder ({@code pid@host} and since when), which a waiting process reports. Within one JVM a
 * second holder is refused the same way, so two notebook threads are serialised too.
 */
public final class WorkLock implements AutoCloseable {

    /** How often a waiting extraction tries the lock again. */
    static final Duration POLL = Duration.ofMillis(200);

    /** How often a waiting extraction logs that it still waits. */
    static final Duration REPORT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(WorkLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private WorkLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes a lock, waiting while another process or thread holds it.
     *
     * @param lockFile the lock file, created with its folder if missing
     * @param subject what is locked, for messages, e.g. a cache key or a folder
     * @param busy what the holder is doing, after "subject: ", e.g. "being written by another
     *     extraction"
     * @param wait how long to wait at most; {@link Duration#ZERO} to try once
     * @return the held lock; close it to release
     * @throws IOException if the lock file cannot be opened, or the lock is still held after {@code
     *     wait} (the message names the subject, the holder and the lock file)
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting
     */
    public static WorkLock acquire(Path lockFile, String subject, String busy, Duration wait)
            throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel =
                FileChannel.open(
                        lockFile,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        try {
            long start = System.nanoTime();
            long lastReport = start;
            boolean reported = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    writeHolder(channel);
                    if (reported) {
                        LOG.info("{}: lock taken after waiting, carrying on", subject);
                    }
                    return new WorkLock(channel, lock);
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (waited.compareTo(wait) >= 0) {
                    throw new IOException(
                            subject
                                    + ": "
                                    + busy
                                    + " ("
                                    + holder(lockFile)
                                    + "; lock file "
                                    + lockFile
                                    + "); waited "
                                    + String.format(
                                            java.util.Locale.ROOT,
                                            "%.1f s",
                                            waited.toMillis() / 1000.0)
                                    + "; run again when it has finished");
                }
                if (!reported || System.nanoTime() - lastReport >= REPORT.toNanos()) {
                    LOG.info(
                            "{}: {} ({}); waiting for it to finish",
                            subject,
                            busy,
                            holder(lockFile));
                    reported = true;
                    lastReport = System.nanoTime();
                }
                try {
                    long left = Math.max(1, wait.minus(waited).toMillis());
                    Thread.sleep(Math.min(POLL.toMillis(), left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException(
                            subject + ": interrupted while waiting for its lock " + lockFile);
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock; the lock file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM
        }
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String holder =
                "pid@host "
                        + ManagementFactory.getRuntimeMXBean().getName()
                        + " since "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String holder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }
}
