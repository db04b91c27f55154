from beian.cli import main

raise SystemExit(main())
