package io.vigil.problem;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** A problem as the API shows it: the ticket, its incidents, its published known error and the steps open on it now. */
public record ProblemView(@JsonUnwrapped Problem problem, List<String> incidents, Long knowledgeArticle, List<String> openTasks) {}
