# Extra reference cases for the regression methods (logistic, Cox), made with the shared kit.
# Usage (from this folder): Rscript make_regression.R
# Data: datasets shipped with R's survival package (GPL-2 or later): lung, ovarian, pbc.
source("../refkit.R")
out <- "."
L <- as.list

# lung: NCCTG advanced lung cancer. dead = status == 2; time30 = time coarsened up to the end of its
# 30-day bin (the engine's binned event times with width 30); age2 = 2 * age is aliased with age;
# ecog = ph.ecog with its single grade-3 patient merged into grade 2.
d <- survival::lung
d$id <- seq_len(nrow(d)); d$dead <- as.integer(d$status == 2)
d$time30 <- ceiling(d$time / 30) * 30; d$age2 <- 2 * d$age; d$ecog <- pmin(d$ph.ecog, 2)
d <- d[, c("id", "time", "time30", "status", "dead", "age", "age2", "sex", "ecog", "ph.karno", "wt.loss")]
ecog <- fac("ecog", c("0", "1", "2"))
write_case(out, "regression-lung", d, random_sites(nrow(d), 4, 20261125), list(
  list(id = "cox_breslow_pooled", type = "cox", time = "time", event = "dead", terms = list(num("age"), num("sex"), ecog, num("wt.loss")), ties = "breslow"),
  list(id = "cox_efron_pooled", type = "cox", time = "time", event = "dead", terms = list(num("age"), num("sex"), ecog, num("wt.loss")), ties = "efron"),
  list(id = "cox_time30_pooled", type = "cox", time = "time30", event = "dead", terms = list(num("age"), num("sex"), num("ph.karno")), ties = "efron"),
  list(id = "cox_time30_pooled_breslow", type = "cox", time = "time30", event = "dead", terms = list(num("age"), num("sex"), num("ph.karno")), ties = "breslow"),
  list(id = "cox_ties_efron_site", type = "cox", time = "time30", event = "dead", terms = list(num("age"), num("sex"), num("ph.karno")), strata = "site", ties = "efron"),
  list(id = "cox_ties_breslow_site", type = "cox", time = "time30", event = "dead", terms = list(num("age"), num("sex"), num("ph.karno")), strata = "site", ties = "breslow"),
  list(id = "cox_aliased_site", type = "cox", time = "time", event = "dead", terms = list(num("age"), num("age2"), num("sex")), strata = "site", ties = "efron"),
  list(id = "cox_aliased_pooled", type = "cox", time = "time", event = "dead", terms = list(num("age"), num("age2"), num("sex")), ties = "breslow"),
  list(id = "death_logistic_event", type = "logistic", outcome = list(name = "status", event = 2), terms = list(num("age"), num("sex"), ecog, num("ph.karno"))),
  list(id = "death_logistic_unaliased", type = "logistic", outcome = "dead", terms = list(num("age"), num("sex")))
), "survival::lung; dead = status == 2; time30 = ceiling(time / 30) * 30; age2 = 2 * age; ecog = pmin(ph.ecog, 2)",
   "4 random sites: set.seed(20261125); sample(rep(1:4, length.out = n))")

# ovarian: one site, so an unstratified Cox here is what a meta-analysis fits per site.
d <- survival::ovarian; d$id <- seq_len(nrow(d))
d <- d[, c("id", "futime", "fustat", "age", "resid.ds", "rx", "ecog.ps")]
write_case(out, "regression-ovarian", d, rep(1, nrow(d)), list(
  list(id = "cox_single_site", type = "cox", time = "futime", event = "fustat", terms = list(fac("rx", c("1", "2")), num("age")), ties = "efron"),
  list(id = "cox_single_site_breslow", type = "cox", time = "futime", event = "fustat", terms = list(fac("rx", c("1", "2")), num("age"), num("ecog.ps")), ties = "breslow"),
  list(id = "resid_logistic", type = "logistic", outcome = list(name = "resid.ds", event = 2), terms = list(num("age"), fac("rx", c("1", "2"))))
), "survival::ovarian", "one site (all rows)")

# pbc: primary biliary cirrhosis (Mayo). dead = status == 2 (transplant counts as censored);
# trt is missing for the 106 non-randomised patients; sex is a text factor (m/f).
d <- survival::pbc; d$sex <- as.character(d$sex); d$dead <- as.integer(d$status == 2)
d <- d[, c("id", "time", "status", "dead", "trt", "age", "sex", "edema", "bili", "albumin", "protime", "stage")]
write_case(out, "regression-pbc", d, random_sites(nrow(d), 5, 20261125), list(
  list(id = "death_logistic_event", type = "logistic", outcome = list(name = "status", event = 2),
       terms = list(fac("trt", c("1", "2")), num("age"), fac("sex", c("m", "f")), num("edema"), num("bili"), num("albumin"))),
  list(id = "transplant_logistic", type = "logistic", outcome = list(name = "status", event = 1), terms = list(num("age"), num("bili"))),
  list(id = "cox_site", type = "cox", time = "time", event = "dead",
       terms = list(fac("trt", c("1", "2")), num("age"), fac("sex", c("m", "f")), num("edema"), num("bili"), num("albumin"), num("protime"), fac("stage", c("1", "2", "3", "4"))),
       strata = "site", ties = "efron"),
  list(id = "cox_pooled", type = "cox", time = "time", event = "dead",
       terms = list(num("age"), num("edema"), num("bili"), num("albumin")), ties = "efron")
), "survival::pbc; dead = status == 2", "5 random sites: set.seed(20261125); sample(rep(1:5, length.out = n))")
cat("regression extra cases written\n")
