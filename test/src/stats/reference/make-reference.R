# Reference values for the statistics core (src/stats/*.ts, src/model/logistic.ts).
#
# Run from the project root:   Rscript test/src/stats/reference/make-reference.R
# Writes test/src/stats/reference/r-reference.json (committed; CI does not run R), then formats it with
# the project's prettier (npx prettier --write) so that the format check accepts it.
#
# Packages: base R stats (glm, kruskal.test, chisq.test, fisher.test, pnorm, qnorm, pchisq) and pROC
# (roc, auc, var, ci.auc, roc.test, coords). ResourceSelection is not packaged for Debian, so its
# hoslem.test is restated below in base R (hoslem_test: unique type-7 decile breaks, cut(include.lowest),
# df = g - 2, p = 1 - pchisq). Decision curves (no dcurves/rmda in Debian) and the binned calibration
# curve are also computed in base R from their definitions.
#
# Every dataset is generated here from a fixed seed; all numbers are written with 17 significant digits.

suppressPackageStartupMessages(library(pROC))

out_file <- file.path("test", "src", "stats", "reference", "r-reference.json")

# ---------------------------------------------------------------- JSON writer (base R, no packages)
arr <- function(x) structure(x, json_array = TRUE)
json <- function(x) {
  if (is.null(x)) return("null")
  if (length(x) == 0 && !is.list(x)) return("[]")
  force_array <- isTRUE(attr(x, "json_array"))
  if (is.list(x)) {
    items <- vapply(x, json, "")
    if (is.null(names(x))) return(paste0("[", paste(items, collapse = ","), "]"))
    return(paste0("{", paste0("\"", names(x), "\":", items, collapse = ","), "}"))
  }
  if (is.character(x)) {
    v <- paste0("\"", gsub("\"", "\\\\\"", x), "\"")
  } else if (is.logical(x)) {
    v <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    x <- as.numeric(x)
    v <- ifelse(is.na(x), "null",
      ifelse(is.infinite(x), ifelse(x > 0, "\"Inf\"", "\"-Inf\""), sprintf("%.17g", x)))
  }
  if (length(x) == 1 && !force_array) v else paste0("[", paste(v, collapse = ","), "]")
}
rows_of <- function(m) lapply(seq_len(nrow(m)), function(i) arr(unname(m[i, ])))

# Runs expr, returning its value and the warning messages it raised.
with_warnings <- function(expr) {
  msgs <- character()
  value <- withCallingHandlers(expr, warning = function(w) {
    msgs <<- c(msgs, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = msgs)
}

# ---------------------------------------------------------------- logistic regression (glm)
glm_reference <- function(name, formula, data) {
  r <- with_warnings(glm(formula, family = binomial, data = data))
  fit <- r$value
  mm <- model.matrix(fit)
  s <- summary(fit)$coefficients
  ci <- exp(confint.default(fit))
  list(
    name = name,
    columns = arr(colnames(mm)[-1]),
    x = rows_of(mm[, -1, drop = FALSE]),
    y = arr(unname(fit$y)),
    coefficients = arr(unname(coef(fit))),
    se = arr(unname(s[, 2])),
    z = arr(unname(s[, 3])),
    p = arr(unname(s[, 4])),
    oddsRatio = arr(unname(exp(coef(fit)))),
    orLower = arr(unname(ci[, 1])),
    orUpper = arr(unname(ci[, 2])),
    deviance = fit$deviance,
    nullDeviance = fit$null.deviance,
    aic = fit$aic,
    dfResidual = fit$df.residual,
    iterations = fit$iter,
    converged = fit$converged,
    boundary = fit$boundary,
    fitted = arr(unname(fit$fitted.values)),
    linearPredictor = arr(unname(fit$linear.predictors)),
    warnings = arr(r$warnings)
  )
}

set.seed(20240601)
n <- 84
cohort <- data.frame(
  age = round(rnorm(n, 55, 10)),
  er = rbinom(n, 1, 0.6),
  ki67 = round(runif(n, 5, 60)),
  subtype = factor(sample(c("LumA", "LumB", "HER2", "TN", "Other"), n, replace = TRUE,
    prob = c(0.35, 0.25, 0.15, 0.15, 0.10)), levels = c("LumA", "LumB", "HER2", "TN", "Other")),
  marrow = rnorm(n)
)
cohort$y <- rbinom(n, 1, plogis(-0.9 + 0.03 * (cohort$age - 55) - 0.7 * cohort$er +
  0.035 * (cohort$ki67 - 30) + 1.1 * cohort$marrow +
  c(LumA = -0.8, LumB = 0, HER2 = 0.9, TN = 1.4, Other = 0.3)[as.character(cohort$subtype)]))

set.seed(7)
n2 <- 106
wide <- data.frame(matrix(rnorm(n2 * 5), n2, 5, dimnames = list(NULL, paste0("f", 1:5))))
wide$y <- rbinom(n2, 1, plogis(-0.6 + 0.9 * wide$f1 - 0.5 * wide$f2 + 0.3 * wide$f3))

set.seed(11)
sep <- data.frame(x = sort(round(runif(30, 0, 10), 2)), w = rnorm(30))
sep$y <- as.integer(sep$x > 5)

set.seed(12)
quasi <- data.frame(x = c(rep(0, 10), rep(1, 10), rep(2, 10)), w = rnorm(30))
quasi$y <- c(rep(0, 10), rbinom(10, 1, 0.5), rep(1, 10))

logistic <- list(
  glm_reference("cohort84", y ~ age + er + ki67 + subtype + marrow, cohort),
  glm_reference("wide106", y ~ f1 + f2 + f3 + f4 + f5, wide),
  glm_reference("separated30", y ~ x + w, sep),
  glm_reference("quasiSeparated30", y ~ x + w, quasi)
)
cohort_fit <- glm(y ~ age + er + ki67 + subtype + marrow, family = binomial, data = cohort)

# ---------------------------------------------------------------- ROC, AUC, DeLong, Youden (pROC)
roc_reference <- function(name, y, p) {
  r <- roc(y, p, levels = c(0, 1), direction = "<", quiet = TRUE)
  ci <- ci.auc(r, method = "delong")
  best <- coords(r, x = "best", best.method = "youden",
    ret = c("threshold", "sensitivity", "specificity", "youden"), transpose = FALSE)
  thr <- best$threshold[1]
  at <- coords(r, x = thr, input = "threshold",
    ret = c("threshold", "sensitivity", "specificity", "ppv", "npv", "accuracy", "tp", "fp", "tn", "fn"),
    transpose = FALSE)
  list(
    name = name,
    y = arr(y), p = arr(p),
    thresholds = arr(r$thresholds),
    sensitivities = arr(r$sensitivities),
    specificities = arr(r$specificities),
    auc = as.numeric(auc(r)),
    variance = var(r, method = "delong"),
    ciLower = ci[1], ciUpper = ci[3],
    youdenThresholds = arr(best$threshold),
    youdenSensitivity = arr(best$sensitivity),
    youdenSpecificity = arr(best$specificity),
    youdenSum = arr(best$youden),
    atThreshold = lapply(as.list(at), unname)
  )
}

set.seed(31)
y106 <- c(rep(1, 37), rep(0, 69))[sample(106)]
score_a <- round(plogis(-0.7 + 1.4 * y106 + rnorm(106)), 2)
score_b <- round(plogis(-0.6 + 0.9 * y106 + rnorm(106, sd = 1.1) + 0.4 * (score_a - 0.5)), 2)

set.seed(41)
y60 <- rbinom(60, 1, 0.4)
coarse60 <- round(plogis(-0.5 + 1.2 * y60 + rnorm(60)), 1)

youden_tie <- list(y = c(0, 1, 0, 1, 0, 1), p = c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6))

rocs <- list(
  roc_reference("cohort84Fitted", cohort$y, unname(cohort_fit$fitted.values)),
  roc_reference("ties106a", y106, score_a),
  roc_reference("ties106b", y106, score_b),
  roc_reference("coarse60", y60, coarse60),
  roc_reference("youdenTie6", youden_tie$y, youden_tie$p)
)

paired <- roc.test(roc(y106, score_a, levels = c(0, 1), direction = "<", quiet = TRUE),
  roc(y106, score_b, levels = c(0, 1), direction = "<", quiet = TRUE), method = "delong", paired = TRUE)
roc_test <- list(
  y = arr(y106), p1 = arr(score_a), p2 = arr(score_b),
  auc1 = unname(paired$estimate[1]), auc2 = unname(paired$estimate[2]),
  z = unname(paired$statistic), pValue = paired$p.value,
  ciLower = paired$conf.int[1], ciUpper = paired$conf.int[2]
)

# ---------------------------------------------------------------- Hosmer-Lemeshow, calibration, Brier
hoslem_test <- function(y, yhat, g = 10) {
  breaks <- unique(quantile(yhat, probs = seq(0, 1, 1 / g)))
  bins <- cut(yhat, breaks = breaks, include.lowest = TRUE)
  observed <- xtabs(cbind(y0 = 1 - y, y1 = y) ~ bins)
  expected <- xtabs(cbind(yhat0 = 1 - yhat, yhat1 = yhat) ~ bins)
  chisq <- sum((observed - expected)^2 / expected)
  list(statistic = chisq, df = g - 2, pValue = 1 - pchisq(chisq, g - 2), breaks = arr(unname(breaks)),
    binSizes = arr(as.vector(table(bins))), observed1 = arr(unname(observed[, 2])),
    expected1 = arr(unname(expected[, 2])))
}
calibration_reference <- function(name, y, p) {
  hl <- hoslem_test(y, p)
  bins <- cut(p, breaks = unique(quantile(p, probs = seq(0, 1, 0.1))), include.lowest = TRUE)
  ubins <- cut(p, breaks = seq(0, 1, 0.1), include.lowest = TRUE)
  keep <- table(ubins) > 0
  list(name = name, y = arr(y), p = arr(p), hosmerLemeshow = hl,
    quantileMeanPredicted = arr(unname(tapply(p, bins, mean))),
    quantileObservedRate = arr(unname(tapply(y, bins, mean))),
    uniformCounts = arr(as.vector(table(ubins))[keep]),
    uniformMeanPredicted = arr(unname(tapply(p, ubins, mean))[keep]),
    uniformObservedRate = arr(unname(tapply(y, ubins, mean))[keep]),
    brier = mean((p - y)^2))
}

set.seed(51)
wide_fit <- glm(y ~ f1 + f2 + f3 + f4 + f5, family = binomial, data = wide)
calibration <- list(
  calibration_reference("cohort84Fitted", cohort$y, unname(cohort_fit$fitted.values)),
  calibration_reference("wide106Fitted", wide$y, unname(wide_fit$fitted.values)),
  calibration_reference("ties106a", y106, score_a),
  calibration_reference("coarse60", y60, coarse60)
)

# ---------------------------------------------------------------- decision curve (Vickers 2006)
dca_reference <- function(name, y, p) {
  pt <- round((1:99) / 100, 2)
  n <- length(y)
  prev <- mean(y)
  nb_model <- sapply(pt, function(t) sum(p >= t & y == 1) / n - sum(p >= t & y == 0) / n * t / (1 - t))
  nb_all <- prev - (1 - prev) * pt / (1 - pt)
  list(name = name, y = arr(y), p = arr(p), thresholds = arr(pt), netBenefitModel = arr(nb_model),
    netBenefitAll = arr(nb_all))
}
dca <- list(
  dca_reference("cohort84Fitted", cohort$y, unname(cohort_fit$fitted.values)),
  dca_reference("ties106a", y106, score_a)
)

# ---------------------------------------------------------------- group comparisons (R stats)
set.seed(61)
kw_groups <- list(round(rnorm(30, 55, 9)), round(rnorm(25, 58, 9)), round(rnorm(20, 52, 11)))
kw_two <- list(c(1.5, 2, 2, 3.25, 4, 7), c(2, 3.25, 5, 6, 6, 8, 9))
kw_ref <- function(groups) {
  t <- kruskal.test(groups)
  list(groups = lapply(groups, arr), statistic = unname(t$statistic), df = unname(t$parameter),
    pValue = t$p.value)
}
kruskal <- list(kw_ref(kw_groups), kw_ref(kw_two), kw_ref(list(cohort$age[cohort$y == 0],
  cohort$age[cohort$y == 1])))

chisq_ref <- function(name, tab) {
  res <- list(name = name, table = rows_of(tab))
  for (correct in c(TRUE, FALSE)) {
    t <- suppressWarnings(chisq.test(tab, correct = correct))
    res[[if (correct) "corrected" else "uncorrected"]] <- list(statistic = unname(t$statistic),
      df = unname(t$parameter), pValue = t$p.value, method = t$method, expected = rows_of(t$expected))
  }
  res
}
subtype_by_y <- unclass(table(cohort$subtype, cohort$y))
chisq <- list(
  chisq_ref("er2x2", unclass(table(cohort$er, cohort$y))),
  chisq_ref("smallDiff2x2", matrix(c(10, 10, 10, 11), 2)),
  chisq_ref("sparse2x2", matrix(c(3, 9, 12, 4), 2)),
  chisq_ref("subtype5x2", subtype_by_y),
  chisq_ref("table3x3", matrix(c(12, 5, 7, 9, 14, 3, 4, 8, 15), 3))
)

fisher_ref <- function(name, tab) {
  t <- fisher.test(tab)
  list(name = name, table = rows_of(tab), pValue = t$p.value)
}
fisher <- list(
  fisher_ref("sparse2x2", matrix(c(3, 9, 12, 4), 2)),
  fisher_ref("tea2x2", matrix(c(3, 1, 1, 3), 2)),
  fisher_ref("extreme2x2", matrix(c(20, 0, 1, 25), 2)),
  fisher_ref("er2x2", unclass(table(cohort$er, cohort$y))),
  fisher_ref("subtype5x2", subtype_by_y),
  fisher_ref("table2x3", matrix(c(2, 7, 5, 1, 0, 6), 2)),
  fisher_ref("table3x3", matrix(c(4, 1, 2, 0, 5, 1, 2, 1, 6), 3))
)

# ---------------------------------------------------------------- distribution functions
z <- c(-40, -37.5, -30, -20, -10, -8.3, -5, -3, -1.96, -1, -0.5, 0, 0.3, 1, 2.5, 6)
probs <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10)
chi <- rbind(c(0.001, 1), c(3.84, 1), c(50, 1), c(200, 1), c(1000, 1), c(0.5, 8), c(2, 8), c(15.5, 8),
  c(100, 8), c(400, 8), c(30, 3), c(0.001, 10), c(150, 20), c(700, 4), c(2.5, 2), c(60, 50))
distributions <- list(
  normalCdf = list(x = arr(z), value = arr(pnorm(z))),
  normalQuantile = list(p = arr(probs), value = arr(qnorm(probs))),
  chiSquare = list(x = arr(chi[, 1]), df = arr(chi[, 2]),
    lower = arr(pchisq(chi[, 1], chi[, 2])), upper = arr(pchisq(chi[, 1], chi[, 2], lower.tail = FALSE)))
)

# ---------------------------------------------------------------- write
reference <- list(
  generator = "test/src/stats/reference/make-reference.R",
  rVersion = R.version.string,
  packages = list(pROC = as.character(packageVersion("pROC")),
    stats = as.character(packageVersion("stats"))),
  hosmerLemeshowSource = "base-R restatement of ResourceSelection::hoslem.test (package not in Debian)",
  logistic = logistic,
  roc = rocs,
  rocTest = roc_test,
  calibration = calibration,
  dca = dca,
  kruskal = kruskal,
  chisq = chisq,
  fisher = fisher,
  distributions = distributions
)
writeLines(json(reference), out_file)
# Lay the file out as the project's formatter does, so that the lint's format check passes unchanged.
if (system2("npx", c("prettier", "--write", out_file), stdout = FALSE, stderr = FALSE) != 0) {
  warning("could not run 'npx prettier --write ", out_file, "'; run it before committing")
}
cat("wrote", out_file, "\n")
