// cmark-gfm (the CommonMark reference parser with GitHub's extensions), for BylineMarkdown.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
