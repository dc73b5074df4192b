# Reference values for the model-building steps (src/model/{pretty,selection,mrmr-mutual-information,
# stepwise,nomogram}.ts).
#
# Run from the project root:   Rscript test/src/model/reference/make-reference.R
# Writes test/src/model/reference/r-reference.json (committed; CI does not run R), then formats it with
# the project's prettier so that the format check accepts it.
#
# Sources of each reference:
# - pretty(): base R.
# - Stepwise AIC: MASS::stepAIC(direction = "both") itself, and for every model on its path the candidate
#   tables of MASS::dropterm / MASS::addterm (the functions stepAIC calls).
# - Nomogram: rms::nomogram (rms from Debian's r-cran-rms) on rms::lrm fits.
# - Pearson filter: base R cor() with the greedy keep-first rule (rule A) written out below.
# - mRMR FCQ: no Python here, so mrmr_selection 0.2.9's loop is restated in base R below, with the relevance
#   taken from R's own one-way ANOVA (oneway.test(var.equal = TRUE)) and the redundancy from cor().
# - mRMR MIQ / MID: Peng et al.'s algorithm restated in base R (discretisation at mean +- t sd, mutual
#   information in bits from table()).
#
# Every dataset is generated here from a fixed seed; all numbers are written with 17 significant digits.

suppressPackageStartupMessages({
  library(MASS)
  library(rms)
})

out_file <- file.path("test", "src", "model", "reference", "r-reference.json")

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

# ---------------------------------------------------------------- pretty()
pretty_cases <- list(
  list(x = c(23, 78), n = 10), list(x = c(0, 1), n = 10), list(x = c(-3.21, 4.87), n = 10),
  list(x = c(0.0012, 0.0893), n = 10), list(x = c(5, 60), n = 10), list(x = c(-1.7, -0.2), n = 5),
  list(x = c(0, 137.4), n = 10), list(x = c(0.0474, 0.9526), n = 10), list(x = c(100, 100), n = 10),
  list(x = c(0, 0), n = 10), list(x = c(-2.513, 3.9981), n = 10), list(x = c(1234, 98765), n = 10),
  list(x = c(0.3, 0.7), n = 10), list(x = c(-0.05, 0.05), n = 10), list(x = c(1e-9, 3e-9), n = 10),
  list(x = c(17.3, 17.3000001), n = 10), list(x = c(-250, 1250), n = 7), list(x = c(2.2, 9.9), n = 1)
)
pretty_ref <- lapply(pretty_cases, function(c) list(x = arr(c$x), n = c$n, breaks = arr(pretty(c$x, n = c$n))))

# ---------------------------------------------------------------- generated clinical cohort with a factor
set.seed(20240611)
n <- 84
subtype_levels <- c("LumA", "LumB", "HER2", "TN")
clin <- data.frame(
  age = round(rnorm(n, 52, 10)),
  ki67 = round(runif(n, 5, 60)),
  er = rbinom(n, 1, 0.65),
  her2 = rbinom(n, 1, 0.25),
  subtype = factor(sample(subtype_levels, n, replace = TRUE, prob = c(0.35, 0.3, 0.15, 0.2)),
    levels = subtype_levels),
  radscore = rnorm(n),
  noise = rnorm(n)
)
clin$pr <- ifelse(runif(n) < 0.8, clin$er, 1 - clin$er)
clin$y <- rbinom(n, 1, plogis(-1.1 + 1.3 * clin$radscore + 0.03 * (clin$ki67 - 30) - 0.5 * clin$er +
  c(LumA = -0.6, LumB = 0, HER2 = 0.7, TN = 1.1)[as.character(clin$subtype)]))
term_order <- c("age", "ki67", "er", "pr", "her2", "subtype", "radscore", "noise")

# The candidate table stepAIC builds from `fit`: <none>, drops (model order), adds (scope order).
candidates <- function(fit, scope_terms) {
  in_model <- attr(terms(fit), "term.labels")
  rows <- list(list(change = "<none>", aic = extractAIC(fit)[2], deviance = deviance(fit)))
  if (length(in_model)) {
    d <- dropterm(fit, k = 2)
    for (t in in_model) rows[[length(rows) + 1]] <- list(change = paste("-", t), aic = d[t, "AIC"],
      deviance = d[t, "Deviance"])
  }
  to_add <- setdiff(scope_terms, in_model)
  if (length(to_add)) {
    a <- addterm(fit, scope = as.formula(paste("~", paste(c(in_model, to_add), collapse = " + "))), k = 2)
    for (t in to_add) rows[[length(rows) + 1]] <- list(change = paste("+", t), aic = a[t, "AIC"],
      deviance = a[t, "Deviance"])
  }
  rows
}

step_reference <- function(name, start, data, term_labels) {
  upper <- as.formula(paste("y ~", paste(term_labels, collapse = " + ")))
  start_fit <- glm(if (start == "full") upper else y ~ 1, family = binomial, data = data)
  s <- stepAIC(start_fit, scope = list(upper = upper, lower = ~1), direction = "both", trace = 0,
    keep = function(model, aic) list(attr(terms(model), "term.labels")))
  path <- s$anova
  steps <- lapply(seq_len(nrow(path)), function(i) {
    tl <- s$keep[[i]]
    f <- glm(if (length(tl)) as.formula(paste("y ~", paste(tl, collapse = " + "))) else y ~ 1,
      family = binomial, data = data)
    list(change = trimws(as.character(path$Step[i])), terms = arr(as.character(tl)),
      deviance = path[i, "Resid. Dev"], dfResidual = path[i, "Resid. Df"], aic = path[i, "AIC"],
      candidates = candidates(f, term_labels))
  })
  list(name = name, data = name_data(data), start = start, termOrder = arr(term_labels),
    finalTerms = arr(attr(terms(s), "term.labels")), finalCoefficients = arr(unname(coef(s))),
    finalNames = arr(names(coef(s))), finalAic = AIC(s), steps = steps)
}
name_data <- function(data) if (identical(data, clin)) "clinical84" else "collinear84"

# A second cohort (seed found by scanning seeds for a path that moves both ways): from the null model the
# path is + a + g + b + h - a, a factor entering and an added term leaving again.
set.seed(47)
nc <- 84
zc <- rnorm(nc)
coll <- data.frame(a = zc + rnorm(nc, sd = 0.6), b = zc + rnorm(nc, sd = 0.6), c = rnorm(nc), e = rnorm(nc),
  g = factor(sample(c("p", "q", "r"), nc, TRUE), levels = c("p", "q", "r")))
coll$h <- coll$a - coll$b + rnorm(nc, sd = 0.5)
coll$y <- rbinom(nc, 1, plogis(-0.5 + 0.8 * zc + 0.4 * coll$c + 0.3 * (coll$g == "r")))
coll_terms <- c("a", "b", "c", "e", "g", "h")

stepwise <- list(
  step_reference("clinical84Full", "full", clin, term_order),
  step_reference("clinical84Null", "null", clin, term_order),
  step_reference("collinear84Full", "full", coll, coll_terms),
  step_reference("collinear84Null", "null", coll, coll_terms)
)

# ---------------------------------------------------------------- nomograms (rms::lrm + rms::nomogram)
dd <- datadist(clin)
options(datadist = "dd")
risk_at <- c(0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95)

nomogram_reference <- function(name, formula, numeric_terms, factor_terms) {
  fit <- lrm(formula, data = clin, x = TRUE, y = TRUE)
  nom <- nomogram(fit, fun = plogis, fun.at = risk_at, funlabel = "Risk", lp = TRUE)
  info <- attr(nom, "info")
  cf <- coef(fit)
  terms <- lapply(c(numeric_terms, factor_terms), function(v) {
    is_factor <- v %in% factor_terms
    ax <- nom[[v]]
    list(name = v, kind = if (is_factor) "factor" else "numeric",
      coefficient = if (is_factor) NULL else unname(cf[v]),
      levels = if (is_factor) arr(levels(clin[[v]])) else NULL,
      coefficients = if (is_factor) arr(c(0, unname(cf[paste0(v, "=", levels(clin[[v]])[-1])]))) else NULL,
      values = if (is_factor) NULL else arr(clin[[v]]),
      axis = if (is_factor) arr(as.character(ax[[v]])) else arr(ax[[v]]),
      points = arr(ax$points), xbeta = arr(ax$Xbeta))
  })
  risk <- nom[["Risk"]]
  list(name = name, intercept = unname(cf[1]), linearPredictors = arr(unname(fit$linear.predictors)),
    terms = terms, sc = info$sc, linearPredictorAtZero = info$Intercept,
    totalPoints = arr(nom$total.points$x), lpAt = arr(nom$lp$x.real), lpPoints = arr(nom$lp$x),
    riskAt = arr(risk$x.real), riskPoints = arr(risk$x))
}
nomograms <- list(
  nomogram_reference("clinical84", y ~ ki67 + er + subtype + radscore, c("ki67", "er", "radscore"), "subtype"),
  nomogram_reference("ageNoise84", y ~ age + noise + her2, c("age", "noise", "her2"), character())
)

# ---------------------------------------------------------------- feature selection data
set.seed(424242)
nf <- 84
ysel <- c(rep(1, 29), rep(0, 55))[sample(nf)]
z1 <- rnorm(nf) + 0.8 * ysel
z2 <- rnorm(nf)
features <- data.frame(
  chainA = z1,
  chainB = z1 + 0.35 * rnorm(nf),
  chainC = NA,
  negA = 1000 * z2,
  negB = -z2 + 0.1 * rnorm(nf),
  rel1 = rnorm(nf) + 0.9 * ysel,
  rel2 = 50 + 10 * (rnorm(nf) - 0.6 * ysel),
  dup1 = NA,
  dup2 = NA
)
features$chainC <- features$chainB + 0.35 * rnorm(nf)
features$dup1 <- features$rel1 * 2 + 0.2 * rnorm(nf)
features$dup2 <- features$dup1
for (j in 1:31) features[[sprintf("noise%02d", j)]] <- rnorm(nf) + (j %% 5 == 0) * 0.3 * ysel
features$step <- round(runif(nf, 0, 4))

# Rule A: keep a column unless |r| > t with an already kept column.
pearson_filter <- function(X, t) {
  r <- cor(X)
  kept <- integer()
  for (j in seq_len(ncol(X))) if (!any(abs(r[j, kept]) > t)) kept <- c(kept, j)
  colnames(X)[kept]
}

# mrmr_selection 0.2.9 mrmr_classif(X, y, K) restated (relevance 'f', redundancy 'c', denominator 'mean').
mrmr_fcq <- function(X, y, K) {
  floor_ <- 0.001
  rel <- sapply(X, function(x) unname(oneway.test(x ~ factor(y), var.equal = TRUE)$statistic))
  rel[is.na(rel)] <- 0
  cols <- names(rel)[rel > 0]
  K <- min(K, length(cols))
  red <- matrix(floor_, length(cols), length(cols), dimnames = list(cols, cols))
  selected <- character(); scores <- numeric(); left <- cols
  for (i in seq_len(K)) {
    num <- rel[left]
    if (i > 1) {
      last <- selected[length(selected)]
      r <- abs(cor(X[, left, drop = FALSE], X[[last]]))[, 1]
      r[is.na(r)] <- floor_
      red[left, last] <- pmax(r, floor_)
      den <- rowMeans(red[left, selected, drop = FALSE])
      den[den == 1] <- Inf
    } else den <- rep(1, length(left))
    score <- num / den
    best <- which.max(score)
    selected <- c(selected, left[best]); scores <- c(scores, unname(score[best]))
    left <- left[-best]
  }
  list(selected = arr(selected), scores = arr(scores), relevance = arr(unname(rel)))
}

# Peng et al. (2005) MID / MIQ restated: states at mean +- t sd, MI in bits, pool = top 500 by relevance.
discretise <- function(x, t) { z <- (x - mean(x)) / sd(x); ifelse(z > t, 1, ifelse(z < -t, -1, 0)) }
mi_bits <- function(a, b) {
  p <- table(a, b) / length(a)
  pa <- rowSums(p); pb <- colSums(p)
  s <- 0
  for (i in seq_len(nrow(p))) for (j in seq_len(ncol(p))) if (p[i, j] > 0)
    s <- s + p[i, j] * log(p[i, j] / (pa[i] * pb[j]))
  unname(s / log(2))
}
mrmr_mi <- function(X, y, K, scheme, t = 1, pool_size = 500) {
  D <- lapply(X, discretise, t = t)
  rel <- sapply(D, mi_bits, b = y)
  pool <- order(-rel)[seq_len(min(pool_size, length(rel)))]
  K <- min(K, length(pool))
  sel <- pool[1]; scores <- rel[pool[1]]
  red_sum <- numeric(length(rel))
  for (k in seq_len(K - 1)) {
    last <- sel[length(sel)]
    best <- NA; best_score <- -Inf
    for (j in pool) {
      if (j %in% sel) next
      red_sum[j] <- red_sum[j] + mi_bits(D[[j]], D[[last]])
      red <- red_sum[j] / k
      sc <- if (scheme == "MID") rel[j] - red else rel[j] / (red + 1e-4)
      if (sc > best_score) { best_score <- sc; best <- j }
    }
    sel <- c(sel, best); scores <- c(scores, best_score)
  }
  list(selected = arr(names(X)[sel]), scores = arr(unname(scores)), relevance = arr(unname(rel)))
}

selection <- list(
  names = arr(names(features)),
  columns = lapply(features, function(x) arr(x)),
  y = arr(ysel),
  pearson090 = arr(pearson_filter(features, 0.9)),
  pearson095 = arr(pearson_filter(features, 0.95)),
  anovaF = arr(unname(sapply(features, function(x) oneway.test(x ~ factor(ysel), var.equal = TRUE)$statistic))),
  fcq10 = mrmr_fcq(features, ysel, 10),
  fcqAll = mrmr_fcq(features, ysel, 100),
  miq10 = mrmr_mi(features, ysel, 10, "MIQ"),
  mid10 = mrmr_mi(features, ysel, 10, "MID"),
  miq8Binary = mrmr_mi(features, ysel, 8, "MIQ", t = 0),
  mid6Pool12 = mrmr_mi(features, ysel, 6, "MID", pool_size = 12)
)

# ---------------------------------------------------------------- write
reference <- list(
  generator = "test/src/model/reference/make-reference.R",
  rVersion = R.version.string,
  packages = list(MASS = as.character(packageVersion("MASS")), rms = as.character(packageVersion("rms"))),
  selectionSource = "base-R restatements (cor, oneway.test, table) of rule A, mrmr_selection 0.2.9 FCQ and Peng MID/MIQ",
  clinical = list(age = arr(clin$age), ki67 = arr(clin$ki67), er = arr(clin$er), pr = arr(clin$pr),
    her2 = arr(clin$her2), subtype = arr(as.character(clin$subtype)), subtypeLevels = arr(subtype_levels),
    radscore = arr(clin$radscore), noise = arr(clin$noise), y = arr(clin$y)),
  collinear = list(a = arr(coll$a), b = arr(coll$b), c = arr(coll$c), e = arr(coll$e),
    g = arr(as.character(coll$g)), gLevels = arr(levels(coll$g)), h = arr(coll$h), y = arr(coll$y)),
  pretty = pretty_ref,
  stepwise = stepwise,
  nomograms = nomograms,
  selection = selection
)
writeLines(json(reference), out_file)
if (system2("npx", c("prettier", "--write", out_file), stdout = FALSE, stderr = FALSE) != 0) {
  warning("could not run 'npx prettier --write ", out_file, "'; run it before committing")
}
cat("wrote", out_file, "\n")
