package dev.gdq.api.problem;

/** Ends a request with {@link #problem()}; mapped to its response by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()),
                cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
