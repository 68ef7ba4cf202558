from capexcli.cli.entry import main

main()
