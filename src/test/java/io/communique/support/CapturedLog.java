package io.communique.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The records some log categories publish while it is open ({@code ""} for all of them), each with
 * the MDC it was logged with (the request's correlation id among it).
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;

    private CapturedLog(List<Logger> loggers) {
        this.loggers = loggers;
        loggers.forEach(logger -> logger.addHandler(this));
    }

    public static CapturedLog of(String... categories) {
        return new CapturedLog(List.of(categories).stream().map(Logger::getLogger).toList());
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            // As an async handler does: the MDC is the logging thread's, read it before the request ends.
            ext.copyMdc();
        }
        records.add(record);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** The records at WARN or above. */
    public List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(this));
    }
}
