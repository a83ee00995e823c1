"""`aligner review`: the review page of each aligned pair, served on this machine with editing, the
decisions written into the files the next build reads (`store`), behind a token (`app`)."""
