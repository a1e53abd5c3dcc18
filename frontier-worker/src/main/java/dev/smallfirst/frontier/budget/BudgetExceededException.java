package dev.smallfirst.frontier.budget;

/** The budget guard refused a call: its worst-case cost would cross a cap. */
public final class BudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BudgetExceededException(String detail) {
    super(detail, null, false, false);
  }
}
