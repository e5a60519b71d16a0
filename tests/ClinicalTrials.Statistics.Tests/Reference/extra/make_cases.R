# Extra reference cases for the basic methods (describe, ttest, chisq, cmh, lm).
# Usage, from this folder: Rscript make_cases.R      (writes cases-*/ here)
# Same kit and conventions as ../make_reference.R; data: survival::pbc (GPL-2 or later) and
# datasets::mtcars (R itself).
source("../refkit.R")
out <- "."
L <- as.list

# pbc: Mayo Clinic primary biliary cholangitis trial; 4 random sites. Missing values kept (chol,
# trig, platelet, trt have NAs), so complete-case handling per analysis is exercised.
d <- survival::pbc
d$trt <- ifelse(is.na(d$trt), NA, c("D-penicillamine", "placebo")[d$trt])
d$dead <- as.integer(d$status == 2)
d$stage <- as.character(d$stage)
d$age2 <- 2 * d$age            # aliased with age
d$one <- 1                     # constant: aliased with the intercept
d <- d[, c("id", "trt", "age", "age2", "one", "sex", "bili", "chol", "albumin", "platelet", "stage", "edema", "ascites", "dead")]
trt <- fac("trt", c("placebo", "D-penicillamine"))
write_case(out, "cases-pbc", d, random_sites(nrow(d), 4, 20261127), list(
  list(id = "chol_by_trt_levels", type = "describe", variable = "chol", by = "trt", levels = L(c("placebo", "D-penicillamine"))),
  list(id = "chol_by_stage", type = "describe", variable = "chol", by = "stage"),
  list(id = "platelet_overall", type = "describe", variable = "platelet"),
  list(id = "bili_student_default", type = "ttest", variable = "bili", group = "trt", levels = L(c("placebo", "D-penicillamine"))),
  list(id = "albumin_welch", type = "ttest", variable = "albumin", group = "sex", levels = L(c("f", "m")), welch = TRUE),
  list(id = "sex_dead_yates", type = "chisq", row = "sex", col = "dead", correct = TRUE),
  list(id = "sex_dead_uncorrected", type = "chisq", row = "sex", col = "dead", correct = FALSE),
  list(id = "trt_stage_levels", type = "chisq", row = "trt", col = "stage", correct = TRUE,
       row_levels = L(c("placebo", "D-penicillamine")), col_levels = L(c("1", "2", "3", "4"))),
  list(id = "edema_stage", type = "chisq", row = "edema", col = "stage", correct = FALSE),
  list(id = "dead_cmh", type = "cmh", exposure = "trt", outcome = "dead", strata = "site",
       exposure_levels = L(c("D-penicillamine", "placebo")), outcome_event = 1),
  list(id = "ascites_cmh", type = "cmh", exposure = "sex", outcome = "ascites", strata = "site",
       exposure_levels = L(c("f", "m")), outcome_event = 1),
  list(id = "albumin_lm", type = "lm", outcome = "albumin", terms = list(trt, num("age"), num("bili"), fac("stage", c("1", "2", "3", "4")))),
  list(id = "albumin_lm_site", type = "lm", outcome = "albumin", terms = list(trt, num("age"), fac("sex", c("m", "f"))), strata_as_factor = "site"),
  list(id = "albumin_lm_aliased", type = "lm", outcome = "albumin", terms = list(trt, num("age"), num("age2"), num("one"), num("bili")))
), "survival::pbc; trt 1/2 as D-penicillamine/placebo; dead = status == 2; age2 = 2*age and one = 1 are aliased on purpose",
   "4 random sites: set.seed(20261127); sample(rep(1:4, length.out = n))")

# mtcars: small data, 3 sites by number of cylinders (a site-level confounder for lm with site factor).
d <- datasets::mtcars; d$id <- seq_len(nrow(d)); d$am <- as.character(d$am)
site <- match(d$cyl, c(4, 6, 8))
write_case(out, "cases-mtcars", d[, c("id", "mpg", "wt", "hp", "am", "vs", "gear")], site, list(
  list(id = "mpg_by_am", type = "describe", variable = "mpg", by = "am"),
  list(id = "mpg_welch", type = "ttest", variable = "mpg", group = "am", levels = L(c("1", "0")), welch = TRUE),
  list(id = "am_vs_yates", type = "chisq", row = "am", col = "vs", correct = TRUE),
  list(id = "mpg_lm", type = "lm", outcome = "mpg", terms = list(num("wt"), num("hp"), fac("am", c("0", "1")))),
  list(id = "mpg_lm_site", type = "lm", outcome = "mpg", terms = list(num("wt"), fac("am", c("0", "1"))), strata_as_factor = "site")
), "datasets::mtcars; am as text", "3 sites by cylinders: 4 -> 1, 6 -> 2, 8 -> 3")
cat("cases written\n")

# colon over 20 sites: the product's headline case (a federated Cox model over 20 sites gives R's
# numbers), with the site-stratified and pooled models, logistic, log-rank, KM, CMH and meta.
d <- survival::colon[survival::colon$etype == 2, c("id", "rx", "sex", "age", "nodes", "differ", "status", "time")]
d$rx <- as.character(d$rx)
rx3 <- fac("rx", c("Obs", "Lev", "Lev+5FU"))
write_case(out, "cases-colon20", d, random_sites(nrow(d), 20, 20261128), list(
  list(id = "cox_efron_site", type = "cox", time = "time", event = "status", terms = list(rx3, num("age"), num("nodes"), num("sex")), strata = "site", ties = "efron"),
  list(id = "cox_breslow_site", type = "cox", time = "time", event = "status", terms = list(rx3, num("age"), num("nodes")), strata = "site", ties = "breslow"),
  list(id = "cox_pooled", type = "cox", time = "time", event = "status", terms = list(rx3, num("age"), num("nodes")), ties = "efron"),
  list(id = "death_logistic", type = "logistic", outcome = "status", terms = list(rx3, num("age"), num("nodes"), fac("differ", c("2", "1", "3")))),
  list(id = "logrank_site", type = "logrank", time = "time", event = "status", group = "rx", levels = L(c("Obs", "Lev", "Lev+5FU")), strata = "site"),
  list(id = "km", type = "km", time = "time", event = "status", group = "rx", times = L(c(365, 730, 1825))),
  list(id = "death_cmh", type = "cmh", exposure = "rx", outcome = "status", strata = "site", exposure_levels = L(c("Lev+5FU", "Obs")), outcome_event = 1),
  list(id = "age_lm_site", type = "lm", outcome = "age", terms = list(rx3, num("nodes")), strata_as_factor = "site"),
  list(id = "meta_cox_dl", type = "meta", method = "DL", term = "rxLev+5FU",
       per_site = list(type = "cox", time = "time", event = "status", terms = list(rx3), ties = "efron"))
), "survival::colon, etype == 2 (death)", "20 random sites: set.seed(20261128); sample(rep(1:20, length.out = n))")
cat("colon20 written\n")
