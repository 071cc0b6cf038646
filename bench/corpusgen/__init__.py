"""Generator of realistic scraped-news corpora for corpuslint's benchmarks (see bench/README.md)."""
