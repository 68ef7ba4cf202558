from capexcli.cli.commands import main

main()
