from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from beian.accounts import messages as msg


class RegisterForm(UserCreationForm):
    email = forms.EmailField(label="邮箱", max_length=150)

    class Meta:
        model = get_user_model()
        fields = ("email",)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username=email).exists():
            raise forms.ValidationError(msg.EMAIL_TAKEN, code="email_taken")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = user.email = self.cleaned_data["email"]
        if commit:
            user.save()
        return user


class EmailLoginForm(AuthenticationForm):
    username = forms.CharField(label="邮箱", max_length=150)
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": msg.LOGIN_FAILED}

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()
