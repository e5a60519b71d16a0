# Extra reference cases for the survival area (log-rank, Kaplan-Meier, meta-analysis).
# Usage, from this folder: Rscript make_survival.R      (writes survival-*/ here)
# Same kit and conventions as ../make_reference.R; data are datasets shipped with R's survival
# package (GPL-2 or later): lung, ovarian, pbc.
source("../refkit.R")
out <- "."
L <- as.list

# lung: NCCTG advanced lung cancer. status is coded 1/2 (2 = dead) in survival::lung; recoded to
# dead = 0/1 because the kit's Surv(time, event) formula takes a 0/1 column. ecog = ph.ecog with
# 2 and 3 merged into "2+" (one patient has 3), NA kept; 4 random sites.
d <- survival::lung
d$dead <- as.integer(d$status == 2)
d$ecog <- ifelse(is.na(d$ph.ecog), NA, c("0", "1", "2+", "2+")[d$ph.ecog + 1])
d$id <- seq_len(nrow(d))
d <- d[, c("id", "time", "dead", "sex", "age", "ph.ecog", "ecog", "wt.loss")]
sex <- fac("sex", c("1", "2"))
write_case(out, "survival-lung", d, random_sites(nrow(d), 4, 20261126), list(
  list(id = "km_overall", type = "km", time = "time", event = "dead", times = L(c(0, 30.5, 182.5, 365, 730, 1022, 1500))),
  list(id = "km_ecog", type = "km", time = "time", event = "dead", group = "ecog", times = L(c(90, 365, 730, 1100))),
  list(id = "km_sex", type = "km", time = "time", event = "dead", group = "sex", times = L(c(180, 365, 1000))),
  list(id = "logrank_ecog", type = "logrank", time = "time", event = "dead", group = "ecog", levels = L(c("0", "1", "2+"))),
  list(id = "logrank_ecog_site", type = "logrank", time = "time", event = "dead", group = "ecog", levels = L(c("0", "1", "2+")), strata = "site"),
  list(id = "logrank_sex", type = "logrank", time = "time", event = "dead", group = "sex"),
  list(id = "logrank_sex_site", type = "logrank", time = "time", event = "dead", group = "sex", strata = "site"),
  list(id = "meta_or_fe", type = "meta", method = "FE", term = "logOR",
       per_site = list(type = "or2x2", exposure = "sex", outcome = "dead", exposure_levels = L(c("2", "1")), outcome_event = 1)),
  list(id = "meta_logistic_fe", type = "meta", method = "FE", term = "sex2",
       per_site = list(type = "logistic", outcome = "dead", terms = list(sex, num("age")))),
  list(id = "meta_logistic_dl", type = "meta", method = "DL", term = "sex2",
       per_site = list(type = "logistic", outcome = "dead", terms = list(sex, num("age")))),
  list(id = "meta_cox_dl", type = "meta", method = "DL", term = "sex2",
       per_site = list(type = "cox", time = "time", event = "dead", terms = list(sex, num("ph.ecog")), ties = "efron"))
), "survival::lung; dead = (status == 2); ecog = ph.ecog with 2 and 3 merged as \"2+\"",
   "4 random sites: set.seed(20261126); sample(rep(1:4, length.out = n))")

# ovarian: 26 patients, 3 random sites (small sites: zero cells in the 2x2 tables, a median not reached).
d <- survival::ovarian; d$id <- seq_len(nrow(d))
d <- d[, c("id", "futime", "fustat", "age", "resid.ds", "rx", "ecog.ps")]
write_case(out, "survival-ovarian", d, random_sites(nrow(d), 3, 20261126), list(
  list(id = "km_rx", type = "km", time = "futime", event = "fustat", group = "rx", times = L(c(100, 365, 730, 1000, 1300))),
  list(id = "logrank_rx", type = "logrank", time = "futime", event = "fustat", group = "rx", levels = L(c("1", "2"))),
  list(id = "logrank_rx_site", type = "logrank", time = "futime", event = "fustat", group = "rx", levels = L(c("1", "2")), strata = "site"),
  list(id = "meta_or_fe", type = "meta", method = "FE", term = "logOR",
       per_site = list(type = "or2x2", exposure = "rx", outcome = "fustat", exposure_levels = L(c("2", "1")), outcome_event = 1)),
  list(id = "meta_or_dl", type = "meta", method = "DL", term = "logOR",
       per_site = list(type = "or2x2", exposure = "resid.ds", outcome = "fustat", exposure_levels = L(c("2", "1")), outcome_event = 1))
), "survival::ovarian", "3 random sites: set.seed(20261126); sample(rep(1:3, length.out = n))")

# pbc: Mayo Clinic primary biliary cholangitis; dead = (status == 2) (transplant counts as censored);
# trt is missing for the 106 non-randomized patients, stage for 6; 5 random sites.
d <- survival::pbc
d$dead <- as.integer(d$status == 2)
d <- d[, c("id", "time", "dead", "trt", "age", "sex", "stage")]
trt <- fac("trt", c("1", "2"))
write_case(out, "survival-pbc", d, random_sites(nrow(d), 5, 20261126), list(
  list(id = "km_overall", type = "km", time = "time", event = "dead", times = L(c(365, 1000, 4795, 5000))),
  list(id = "km_trt", type = "km", time = "time", event = "dead", group = "trt", times = L(c(365, 1825, 3650, 5000))),
  list(id = "logrank_trt", type = "logrank", time = "time", event = "dead", group = "trt", levels = L(c("1", "2"))),
  list(id = "logrank_stage", type = "logrank", time = "time", event = "dead", group = "stage"),
  list(id = "logrank_stage_site", type = "logrank", time = "time", event = "dead", group = "stage", strata = "site"),
  list(id = "meta_logistic_dl", type = "meta", method = "DL", term = "trt2",
       per_site = list(type = "logistic", outcome = "dead", terms = list(trt, num("age"))))
), "survival::pbc; dead = (status == 2)", "5 random sites: set.seed(20261126); sample(rep(1:5, length.out = n))")
cat("survival extra cases written\n")
