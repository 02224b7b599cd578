import { repeatedLabel } from './repeated-password.ts';

type Props = {
  /** The first field's label; the second's is repeatedLabel(label). */
  label: string;
  placeholder: string;
  value: string;
  repeated: string;
  onChange: (value: string) => void;
  onRepeat: (value: string) => void;
  invalid?: boolean;
  repeatInvalid?: boolean;
};

/** A new password and the same typed again, to be compared (repeatedPasswordProblem) before it is sent. */
export function PasswordTwice({ label, placeholder, value, repeated, onChange, onRepeat, invalid, repeatInvalid }: Props) {
  return (
    <>
      <input
        aria-label={label}
        type="password"
        autoComplete="new-password"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(invalid ? { 'aria-invalid': true } : {})}
      />
      <input
        aria-label={repeatedLabel(label)}
        type="password"
        autoComplete="new-password"
        placeholder="確認のためもう一度"
        value={repeated}
        onChange={(e) => onRepeat(e.target.value)}
        {...(repeatInvalid ? { 'aria-invalid': true } : {})}
      />
    </>
  );
}
