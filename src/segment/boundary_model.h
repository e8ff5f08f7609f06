/* boundary_model.h — the learned sentence-boundary classifier: a weight per feature.
 *
 * A linear model over the hashed features of boundary_features.h, one per language,
 * trained by `make train` (tools/segment_train.c, an averaged perceptron) and kept as
 * text in src/segment/boundary_model.txt, which the build embeds:
 *
 *     # comments
 *     lang en threshold -120 features 2
 *     0000a1f3 -35
 *     7f00c2d1 410
 *
 * Weights are integers (thousandths), hashes are sorted within a language. A candidate
 * is a sentence boundary when the sum of its features' weights exceeds the threshold;
 * features the model does not know weigh nothing. */
#ifndef POLYALIGN_BOUNDARY_MODEL_H
#define POLYALIGN_BOUNDARY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "boundary_features.h"

typedef struct boundary_model boundary_model;

/* The model for language `lang` (its base subtag: "en" of "en-GB") in model text
 * data[0..len); *out is NULL when the text has none for it. `name` is for messages.
 * 0, -ERR_DATA for a malformed text, or -ERR_NOMEM. */
int boundary_model_parse(const char *data, size_t len, const char *name, const char *lang, boundary_model **out);

/* The built-in model for `lang`, or *out NULL when there is none. */
int boundary_model_builtin(const char *lang, boundary_model **out);

/* The sum of the features' weights less the threshold: a boundary when > 0. */
int64_t boundary_model_margin(const boundary_model *m, const boundary_features *f);

void boundary_model_free(boundary_model *m);

#endif
