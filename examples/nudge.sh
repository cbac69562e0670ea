# mpl nudge in your shell prompt: one short line when today's reflection or a running
# challenge's task is still open, nothing otherwise. `mpl nudge` reads a handful of small
# files (a few milliseconds) and never prints an error, so it is safe in a prompt.
#
# Source this file from ~/.bashrc or ~/.zshrc:   . /path/to/mpl/examples/nudge.sh

if [ -n "$ZSH_VERSION" ]; then
    # zsh: print the line above the prompt before each command line.
    mpl_nudge_precmd() { mpl nudge 2>/dev/null; }
    autoload -Uz add-zsh-hook
    add-zsh-hook precmd mpl_nudge_precmd
elif [ -n "$BASH_VERSION" ]; then
    # bash: the same, through PROMPT_COMMAND (kept if you already set one).
    PROMPT_COMMAND="mpl nudge 2>/dev/null${PROMPT_COMMAND:+; $PROMPT_COMMAND}"
fi

# fish (in ~/.config/fish/config.fish):
#   function mpl_nudge --on-event fish_prompt; mpl nudge 2>/dev/null; end
#
# Once a day instead of at every prompt: call it from a login script, or from cron with
# notify-send, e.g.  0 17 * * 1-5  mpl nudge | xargs -r notify-send
