# Extra reference cases for the basic methods (describe, ttest, chisq, cmh, lm): paths the public
# cases do not exercise. Usage, from this folder: Rscript make_basic.R
# Same kit as the public cases (../refkit.R); data shipped with R: survival::pbc (Mayo Clinic PBC
# trial, GPL-2 or later) and datasets::mtcars.
source("../refkit.R")
out <- "."
L <- as.list

# pbc: all 418 patients (the 106 not randomised have trt NA and more missing values); 4 random sites.
d <- survival::pbc
d$sex <- as.character(d$sex)
d$bili2 <- 2 * d$bili + 1  # an exact linear combination of (Intercept) and bili: aliased in lm
d <- d[, c("id", "trt", "age", "sex", "ascites", "spiders", "edema", "bili", "bili2", "chol", "albumin", "platelet", "stage", "status")]
write_case(out, "basic-pbc", d, random_sites(nrow(d), 4, 20261125), list(
  # describe: given levels (5 is never observed: n 0, mean and sd NA), missing values, numeric group codes
  list(id = "chol_by_stage_levels", type = "describe", variable = "chol", by = "stage", levels = L(c("1", "2", "3", "4", "5"))),
  # describe: sorted observed levels of a group with missing values
  list(id = "platelet_by_trt", type = "describe", variable = "platelet", by = "trt"),
  list(id = "chol_overall", type = "describe", variable = "chol"),
  list(id = "albumin_by_sex_welch", type = "ttest", variable = "albumin", group = "sex", levels = L(c("m", "f")), welch = TRUE),
  list(id = "albumin_by_sex_student", type = "ttest", variable = "albumin", group = "sex", levels = L(c("m", "f")), welch = FALSE),
  list(id = "chol_by_trt_welch", type = "ttest", variable = "chol", group = "trt", levels = L(c("2", "1")), welch = TRUE),
  # chisq: Yates on 2x2 tables (numeric column codes; in sex x ascites every |O - E| < 0.5, so R subtracts min |O - E|)
  list(id = "sex_by_ascites_yates", type = "chisq", row = "sex", col = "ascites", correct = TRUE),
  list(id = "sex_by_ascites", type = "chisq", row = "sex", col = "ascites", correct = FALSE),
  list(id = "trt_by_spiders_yates", type = "chisq", row = "trt", col = "spiders", correct = TRUE),
  # chisq: given row/col levels (a subset, in a chosen order; edema codes 0, 0.5, 1); correct = TRUE on a 3x3 has no effect
  list(id = "stage_by_edema_levels", type = "chisq", row = "stage", col = "edema", correct = TRUE,
       row_levels = L(c("4", "3", "2")), col_levels = L(c("0", "0.5", "1"))),
  # chisq: a given level never observed makes an expected count 0: R's statistic and p-value are NA
  list(id = "trt_by_status_empty_level", type = "chisq", row = "trt", col = "status", correct = FALSE,
       row_levels = L(c("1", "2", "3"))),
  list(id = "death_cmh", type = "cmh", exposure = "trt", outcome = "status", strata = "site",
       exposure_levels = L(c("2", "1")), outcome_event = 2),
  # lm: an aliased numeric term (NA in R's coef; summary drops it), and a factor level with no rows
  # (lm's model frame drops unused levels: no column at all)
  list(id = "albumin_lm_aliased", type = "lm", outcome = "albumin",
       terms = list(num("bili"), num("bili2"), num("age"), fac("stage", c("1", "2", "3", "4", "5")))),
  # lm: the first (reference) level has no rows, so R's reference becomes the first level with rows
  list(id = "albumin_lm_empty_reference", type = "lm", outcome = "albumin",
       terms = list(fac("stage", c("5", "1", "2", "3", "4")), num("age"))),
  # lm with site factor; stage 1 is not among the levels: those rows leave the fit but count in n
  list(id = "albumin_lm_site", type = "lm", outcome = "albumin",
       terms = list(num("bili"), fac("sex", c("f", "m")), fac("stage", c("2", "3", "4"))), strata_as_factor = "site")
), "survival::pbc (all 418 rows); bili2 = 2 * bili + 1 added",
   "4 random sites: set.seed(20261125); sample(rep(1:4, length.out = n))")

# pbc randomised patients, 4 random sites, then site 4's trt = 2 rows moved to site 3: site 4 is a
# stratum with one exposure level only, whose exposed-event count is fixed by its margins (Breslow-Day skips it).
d <- survival::pbc[!is.na(survival::pbc$trt), c("id", "trt", "sex", "age", "status")]
d$sex <- as.character(d$sex)
site <- random_sites(nrow(d), 4, 20261125); site[site == 4 & d$trt == 2] <- 3
write_case(out, "basic-pbc-cmh", d, site, list(
  list(id = "death_cmh_one_arm_site", type = "cmh", exposure = "trt", outcome = "status", strata = "site",
       exposure_levels = L(c("1", "2")), outcome_event = 2),
  list(id = "female_cmh", type = "cmh", exposure = "trt", outcome = "sex", strata = "site",
       exposure_levels = L(c("2", "1")), outcome_event = "f")
), "survival::pbc, rows with trt not NA",
   "4 random sites: set.seed(20261125); sample(rep(1:4, length.out = n)); then rows of site 4 with trt == 2 moved to site 3")

# mtcars: 4 sites by cylinder/gear groups of rows; site 1's mpg is all missing, so R's factor(site)
# has levels 2, 3, 4 and site 2 is the reference.
d <- datasets::mtcars; d$car <- rownames(d); rownames(d) <- NULL
site <- rep(1:4, length.out = nrow(d)); d$mpg[site == 1] <- NA
d <- d[, c("car", "mpg", "cyl", "disp", "hp", "wt", "am")]
write_case(out, "basic-mtcars", d, site, list(
  list(id = "mpg_lm_site_empty_first", type = "lm", outcome = "mpg", terms = list(num("wt"), fac("am", c("0", "1"))), strata_as_factor = "site"),
  list(id = "mpg_lm", type = "lm", outcome = "mpg", terms = list(num("wt"), num("hp"), fac("cyl", c("4", "6", "8")))),
  list(id = "mpg_by_am", type = "describe", variable = "mpg", by = "am"),
  list(id = "mpg_by_am_student", type = "ttest", variable = "mpg", group = "am", levels = L(c("1", "0")), welch = FALSE)
), "datasets::mtcars; car = row names; mpg set missing at site 1",
   "4 sites: rep(1:4, length.out = 32) in row order")
cat("basic extra cases written\n")
