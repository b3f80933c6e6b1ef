package org.clipsynergy.features;

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
 * An exclusive lock on one cache entry while it is being written, held through {@link
 * FileChannel#tryLock()} on the file {@code <entry>.lock} beside the entry's folder.
 *
 * <p>The operating system releases the lock when its process ends, however it ends, so a killed
 * extraction never leaves the entry locked; the file itself stays (deleting a lock file races with
 * its next user). While held, the file names the holder ({@code pid@host} and since when), which a
 * waiting extraction reports. Within one JVM a second holder is refused the same way, so two
 * notebook threads are serialised too.
 */
public final class EntryLock implements AutoCloseable {

    /** The suffix of an entry's lock file. */
    public static final String SUFFIX = ".lock";

    /** How often a waiting extraction tries the lock again. */
    static final Duration POLL = Duration.ofMillis(200);

    /** How often a waiting extraction logs that it still waits. */
    static final Duration REPORT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(EntryLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private EntryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an entry, waiting while another extraction holds it.
     *
     * @param lockFile the entry's lock file
     * @param entry the entry's name for messages, e.g. its {@link CacheKey}
     * @param wait how long to wait at most; {@link Duration#ZERO} to try once
     * @return the held lock; close it to release
     * @throws IOException if the lock file cannot be opened, or another extraction still holds the
     *     lock after {@code wait} (the message names the entry, the holder and the lock file)
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting
     */
    public static EntryLock acquire(Path lockFile, String entry, Duration wait) throws IOException {
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
                        LOG.info("{}: lock taken after waiting, carrying on", entry);
                    }
                    return new EntryLock(channel, lock);
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (waited.compareTo(wait) >= 0) {
                    throw new IOException(
                            entry
                                    + ": being written by another extraction ("
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
                            "{}: waiting for another extraction of it to finish ({})",
                            entry,
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
                            entry + ": interrupted while waiting for its lock " + lockFile);
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
