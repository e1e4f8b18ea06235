package dev.gdq.infra.process;

/** Whether a started child serves requests yet; asked repeatedly until it says yes. */
@FunctionalInterface
public interface Readiness {

    /**
     * @return true once the child is ready; false, or an exception, while it is not (yet)
     */
    boolean isReady() throws Exception;
}
