from capexcli.cli import main

main()
